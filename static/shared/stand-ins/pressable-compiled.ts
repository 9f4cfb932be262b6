/**
 * What the UI builds use instead of `@atlaskit/primitives/pressable`, the Emotion-styled Pressable (aliased in
 * `vite.config.mts`).
 *
 * Only Lozenge imports it (its source marks the import "TODO: migrate to @atlaskit/primitives/compiled"), for
 * interactive lozenges, and styles it with Compiled's `cssMap` and `cx`: the Compiled Pressable's own styling
 * props, with the same props otherwise. These apps render no interactive lozenge, yet the Emotion one brought
 * Emotion's runtime (its cache, serializer and stylis: about 45 KB before minifying) into the panel's first view.
 */
export { Pressable as default } from '@atlaskit/primitives/compiled/pressable';
