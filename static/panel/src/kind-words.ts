import { countOf } from '../../shared/plural';
import type { DevItemKind } from './panel-answers';

/** How the panel names each kind of item, in headings, counts and buttons. */
export const KIND_WORDS: Record<DevItemKind, { title: string; one: string; other: string }> = {
  commit: { title: 'Commits', one: 'commit', other: 'commits' },
  branch: { title: 'Branches', one: 'branch', other: 'branches' },
  pull_request: { title: 'Pull requests', one: 'pull request', other: 'pull requests' },
};

/** "1 commit", "148 commits". */
export const countOfKind = (kind: DevItemKind, count: number) => countOf(count, KIND_WORDS[kind].one, KIND_WORDS[kind].other);
