import { describe, expect, it } from 'vitest';
import { parseWrites } from './syscall-trace.js';

describe('parseWrites', () => {
  it('counts each write call once, on the line that names its fd', () => {
    const trace = [
      '18067 1796215695.036883 write(5, ""..., 1) = 1',
      '18067 1796215695.068396 writev(23, [{iov_base=""..., iov_len=120}], 1 <unfinished ...>',
      '18070 1796215695.068400 sendto(24, ""..., 40, 0, NULL, 0) = 40',
      '18067 1796215695.068796 <... writev resumed>) = 120',
      '18067 1796215695.071232 --- SIGCHLD {si_signo=SIGCHLD} ---',
    ].join('\n');
    expect(parseWrites(trace)).toEqual([
      { at: 1796215695.036883, fd: 5 },
      { at: 1796215695.068396, fd: 23 },
      { at: 1796215695.0684, fd: 24 },
    ]);
  });
});
