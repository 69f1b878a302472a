/**
 * "After the first screen": resolves once a frame has been painted and the main thread is idle
 * (requestIdleCallback), at the latest `timeoutMs` after the call — also in a hidden tab, where
 * frames never come. Start-up uses it to load and start what the first screen does not need
 * (the uplink, the watchdog, the service-worker bridge, lockdown, the first content check).
 */
export function afterPaintAndIdle(timeoutMs = 1500): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(fallback);
      resolve();
    };
    const fallback = setTimeout(finish, timeoutMs);
    const idle = () => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(finish, { timeout: timeoutMs });
      else setTimeout(finish, 0);
    };
    // rAF runs before the frame is painted; the task after it runs once it has been.
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(idle, 0));
    else idle();
  });
}
