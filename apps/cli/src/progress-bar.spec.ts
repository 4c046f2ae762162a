import { duration, ProgressBar } from './progress-bar.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream, written };
}

describe('progress bar', () => {
  it('shows done of total, percentage, rate and time left', () => {
    let now = 0;
    const { stream } = fakeStream(false);
    const bar = new ProgressBar('rebuild event_statistics', 1000, stream, () => now);
    now = 2000;
    expect((bar.update(250), bar.render(now))).toBe(
      'rebuild event_statistics  [######------------------]  25%  250/1,000 events  125 ev/s  ETA 6s',
    );
  });

  it('shows the elapsed time when the total is unknown', () => {
    let now = 0;
    const { stream } = fakeStream(false);
    const bar = new ProgressBar('catch-up', null, stream, () => now);
    now = 4000;
    bar.update(100);
    expect(bar.render(now)).toBe('catch-up  100 events  25 ev/s  in 4s');
  });

  it('prints a line every two seconds in logs, and redraws in place on a terminal', () => {
    let now = 0;
    const log = fakeStream(false);
    const bar = new ProgressBar('x', 10, log.stream, () => now);
    for (now = 0; now <= 5000; now += 500) bar.update(now / 1000);
    expect(log.written).toHaveLength(3);

    const tty = fakeStream(true);
    const live = new ProgressBar('x', 10, tty.stream, () => now);
    now += 1000;
    live.update(5);
    expect(tty.written[0].startsWith('\r')).toBe(true);
  });

  it('writes durations for people', () => {
    expect(duration(5)).toBe('5s');
    expect(duration(125)).toBe('2m 05s');
    expect(duration(7260)).toBe('2h 01m');
  });
});
