import { useEffect } from 'react';

/**
 * Reads again when the admin comes back to the page: the tab is shown again (after authorising in the host's
 * tab, or a while elsewhere) or the frame gets the focus back. Custom UI gets no push from the back end, so
 * this, as in products that load data on demand (a data library's "refetch on window focus"), is what keeps
 * an unattended page from telling an old story.
 */
export function useRefreshOnReturn(reload: () => void): void {
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', reload);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', reload);
    };
  }, [reload]);
}

/**
 * Reads again `intervalMs` after each answer, only while something is known to be changing (a history being
 * read, an authorisation under way in another tab), so an idle page costs the back end nothing.
 */
export function useRefreshWhile(changing: boolean, reload: () => void, intervalMs: number, answer: unknown): void {
  useEffect(() => {
    if (!changing) return undefined;
    const timer = setTimeout(reload, intervalMs);
    return () => clearTimeout(timer);
  }, [changing, reload, intervalMs, answer]);
}
