import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtpServer {
  url: string;
  received: ParsedMail[];
  /** The next message accepted (or one already accepted that no one waited for, oldest first). */
  next(): Promise<ParsedMail>;
  /** Refuses the next `count` messages with a temporary 451 after their data is sent. */
  refuse(count: number): void;
  close(): Promise<void>;
}

/** A real SMTP server on loopback that keeps every message it accepts, parsed. */
export function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ParsedMail[] = [];
  const unclaimed: ParsedMail[] = [];
  const waiters: Array<(m: ParsedMail) => void> = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        if (refusals > 0) {
          refusals--;
          return done(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        }
        received.push(mail);
        const waiter = waiters.shift();
        if (waiter) waiter(mail);
        else unclaimed.push(mail);
        done();
      }, done);
    },
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.server.address() as AddressInfo;
      resolve({
        url: `smtp://127.0.0.1:${port}`,
        received,
        next: () => {
          const waiting = unclaimed.shift();
          return waiting ? Promise.resolve(waiting) : new Promise((r) => waiters.push(r));
        },
        refuse: (count) => {
          refusals = count;
        },
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
