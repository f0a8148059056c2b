// The README's "Errors" section, as it runs.
import { InvalidInputError, NotFoundError, RequestError, RicloudError, WebhookConfig } from 'ricloud';

try {
  await WebhookConfig.retrieve('no-such-config');
} catch (error) {
  if (error instanceof NotFoundError) {
    console.log(error.message); // "webhook_config no-such-config not found (404 not-found)": the SDK's line
    console.log(error.apiMessage); // "Webhook config not found.": the API's own text (ricloud-py's `message`)
  }
}

try {
  await WebhookConfig.create({ url: 'ftp://hooks.example.com' }); // refused before anything is sent
} catch (error) {
  if (error instanceof InvalidInputError) console.log(error.field, '-', error.message);
}

try {
  await WebhookConfig.create({ url: 'https://hooks.example.com/ricloud' });
} catch (error) {
  // A create is never re-sent when the server may have acted: check before trying again.
  if (error instanceof RicloudError && error.mayHaveSucceeded) {
    const page = await WebhookConfig.list({ limit: 10 });
    console.log(
      'maybe created:',
      page.data.some((c) => c.url === 'https://hooks.example.com/ricloud'),
    );
  } else if (error instanceof RequestError) {
    console.log(error.status, error.error, error.params);
  } else throw error;
}
console.log('errors example done');
