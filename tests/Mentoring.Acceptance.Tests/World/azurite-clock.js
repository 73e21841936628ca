// Preloaded into the tests' Azurite (NODE_OPTIONS=--require): its clock is the test's clock, so a queue message made
// invisible "until Monday 09:00" by the host becomes visible when the test moves the clock there. The file holds
// "<test clock ms> <wall clock ms>" as of the last move; the clock runs on from there with the wall clock.
'use strict';
const fs = require('fs');
const file = process.env.MENTORING_TEST_CLOCK_FILE;
if (file) {
  const RealDate = Date;
  const offset = () => {
    try {
      const [moved, at] = fs.readFileSync(file, 'utf8').trim().split(' ').map(Number);
      return Number.isFinite(moved) && Number.isFinite(at) ? moved - at : 0;
    } catch {
      return 0;
    }
  };
  class TestDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset());
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset();
    }
  }
  globalThis.Date = TestDate;
}
