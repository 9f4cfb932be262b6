import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/** Keeps the fallback on screen if the component's code cannot be loaded (or throws), and says why in the console. */
class LoadBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('A part of this page could not be shown', error);
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export type OnDemand<P> = ComponentType<P> & {
  /** Starts loading the code now (when the reader clicks what will show it, say), so it is there when rendered. */
  preload: () => void;
};

/**
 * A component (the export `name` of the module `load` imports) whose code is a chunk of its own, loaded when first
 * rendered, so that what the first view never shows (forms, full lists, Atlaskit's message boxes with their tooltips
 * and popper) does not weigh on every page load.
 * `fallback` shows while it loads, and stays if it cannot be loaded: it must carry what the reader needs (the text of
 * a message, say), so that nothing is lost, only styled more plainly.
 */
export function onDemand<P extends object, K extends string>(
  load: () => Promise<Record<NoInfer<K>, ComponentType<NoInfer<P>>>>,
  name: K,
  fallback: (props: P) => ReactNode,
): OnDemand<P> {
  // lazy()'s props type wraps P in ref types that TypeScript cannot match to a generic P; it renders P as is.
  const Loaded = lazy(() => load().then((module) => ({ default: module[name] }))) as unknown as ComponentType<P>;
  function OnDemandComponent(props: P) {
    return (
      <LoadBoundary fallback={fallback(props)}>
        <Suspense fallback={fallback(props)}>
          <Loaded {...props} />
        </Suspense>
      </LoadBoundary>
    );
  }
  return Object.assign(OnDemandComponent, {
    preload: () => {
      // import() caches the module: React.lazy's own call later gets the same one. A failure shows when it renders.
      load().catch(() => undefined);
    },
  });
}
