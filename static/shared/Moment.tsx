import { relativeTime } from './relative-time';
import { useFullDate } from './use-locale-formats';

/** "5 hours ago", with the moment in full, in the reader's way of writing dates, as its title. */
export function Moment({ time }: { time: number }) {
  return (
    <time dateTime={new Date(time).toISOString()} title={useFullDate(time)}>
      {relativeTime(time)}
    </time>
  );
}
