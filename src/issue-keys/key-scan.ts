import { keyOccurrences, projectOf, type KeyOccurrence } from './extract-issue-keys';

/**
 * One delivery's (or one page's) scan for issue keys: each text is run through the key grammar once,
 * however many steps ask about it (the project-key cache, link planning, the smart-commit filter).
 */
export class KeyScan {
  private readonly scanned = new Map<string, KeyOccurrence[]>();

  /** Every key-shaped token in `text` with its position. */
  occurrences(text: string): readonly KeyOccurrence[] {
    let found = this.scanned.get(text);
    if (!found) {
      found = keyOccurrences(text);
      this.scanned.set(text, found);
    }
    return found;
  }

  /** Key-shaped tokens in `text`, each once, in order of appearance. */
  candidates(text: string): string[] {
    return [...new Set(this.occurrences(text).map((occurrence) => occurrence.key))];
  }

  /** The issue keys `text` mentions whose project exists on the site (`projectKeys`, upper case). */
  keys(text: string, projectKeys: ReadonlySet<string>): string[] {
    return this.candidates(text).filter((key) => projectKeys.has(projectOf(key)));
  }
}
