/**
 * A webhook secret read from a file or an environment variable often ends with a line break: it is trimmed of
 * surrounding whitespace, as the client's token is, wherever a secret is taken; one of whitespace only is refused.
 */
import { describe, expect, it } from 'vitest';
import {
  constructEvent,
  createSignedRequest,
  createWebhookHandler,
  SignatureVerificationError,
  signPayload,
  verifySignature,
} from '../../src/webhooks/index';
import { InvalidInputError } from '../../src/index';
import { recorder, SECRET, signed, taskSucceeded } from './support';

const PADDED = [`${SECRET}\n`, `${SECRET}\r\n`, `\t${SECRET}  `, `\uFEFF${SECRET}\u00A0`];
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('a secret with surrounding whitespace', () => {
  it.each(PADDED)('%j verifies a delivery signed with the secret itself', async (padded) => {
    const { body, headers } = await signed(JSON.stringify(taskSucceeded()));
    const header = headers['ricloud-signature'];
    await verifySignature(body, header, padded);
    await verifySignature(body, header, ['whsec_old', padded]);
    expect((await constructEvent(body, header, padded)).action).toBe('succeeded');
  });

  it.each(PADDED)('%j signs as the secret itself does', async (padded) => {
    const timestamp = 1_700_000_000;
    expect(await signPayload('{}', padded, { timestamp })).toBe(await signPayload('{}', SECRET, { timestamp }));
  });

  it.each(PADDED)(
    '%j in createWebhookHandler, given or returned by a function, accepts the delivery',
    async (padded) => {
      for (const secret of [padded, [padded], () => padded]) {
        const { handler, errors } = recorder({ secret });
        expect((await handler(await createSignedRequest(taskSucceeded(), SECRET))).status).toBe(200);
        expect(errors).toEqual([]);
      }
    },
  );
});

describe('a secret of whitespace only', () => {
  it.each([' ', '\n', '\r\n\t '])('%j is refused by createWebhookHandler, naming options.secret', (blank) => {
    for (const secret of [blank, [SECRET, blank]]) {
      const error = (() => {
        try {
          createWebhookHandler({ secret });
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({
        field: 'options.secret',
        message:
          'options.secret: must be a string of more than whitespace, a list of them, or a function that returns them',
      });
    }
  });

  it('returned by a secret function: the delivery gets 500, and onError says why', async () => {
    const { handler, errors, events } = recorder({ secret: () => '\n' });
    expect((await handler(await createSignedRequest(taskSucceeded(), SECRET))).status).toBe(500);
    expect(errors[0]).toBeInstanceOf(InvalidInputError);
    expect((errors[0] as Error).message).toBe(
      'options.secret: the secret function returned no secret (a string of more than whitespace, or a list of them)',
    );
    expect(events).toEqual([]);
  });

  it.each([[' '], ['\n'], [['whsec_x', '\t']]])(
    '%j is refused by verifySignature and signPayload as no secret',
    async (blank) => {
      const { body, headers } = await signed('{}');
      for (const refused of [
        await rejection(verifySignature(body, headers['ricloud-signature'], blank)),
        await rejection(signPayload('{}', blank as string)),
      ]) {
        expect(refused).toBeInstanceOf(SignatureVerificationError);
        expect((refused as Error).message).toBe(
          'the secret must be a string of more than whitespace, or a list of them',
        );
      }
    },
  );
});
