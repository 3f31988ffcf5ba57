import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the server accepted it: parsed, with the envelope's recipients (blind copies are only there). */
export type ReceivedMail = ParsedMail & { rcptTo: string[] };

export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** The next message accepted (or one already accepted that no one waited for, oldest first). */
  next(): Promise<ReceivedMail>;
  /** Refuses the next `count` messages with a temporary 451 after their data is sent. */
  refuse(count: number): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps every message it accepts, parsed; `refuse` names recipients
 * it answers 550 for, as a server does for an unknown mailbox.
 */
export function startSmtpServer(options: { refuse?: (address: string) => boolean } = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const unclaimed: ReceivedMail[] = [];
  const waiters: Array<(m: ReceivedMail) => void> = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // No reverse DNS of the client per connection: on a machine without a resolver each one waits it out.
    disableReverseLookup: true,
    size: 1_000_000,
    onRcptTo(address, _session, done) {
      if (options.refuse?.(address.address)) {
        const err = Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 });
        return done(err);
      }
      done();
    },
    onData(stream, session, done) {
      simpleParser(stream).then((parsed) => {
        if (refusals > 0) {
          refusals--;
          return done(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        }
        const mail = Object.assign(parsed, { rcptTo: session.envelope.rcptTo.map((r) => r.address) });
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
