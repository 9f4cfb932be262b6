import { AppError } from '../errors/app-error';

/** Where a page ended: the last item's sort key (newest first, ties broken by repository and item). */
export interface ItemCursor {
  time: number;
  repositoryId: string;
  itemKey: string;
}

export function encodeCursor(cursor: ItemCursor): string {
  return Buffer.from(JSON.stringify([cursor.time, cursor.repositoryId, cursor.itemKey]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): ItemCursor {
  try {
    const [time, repositoryId, itemKey] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof time === 'number' && typeof repositoryId === 'string' && typeof itemKey === 'string') return { time, repositoryId, itemKey };
  } catch {
    // reported below
  }
  throw new AppError('invalid_input', 'This list is out of date. Reload the panel.');
}
