// The "A machine set up for ricloud-py" section of docs/client.md, as it runs.
import { configure, WebhookConfig } from 'ricloud';
import { readRicloudConfig } from 'ricloud/node';

// What ricloud-py reads: RICLOUD_TOKEN, RICLOUD_URL, RICLOUD_MAX_RETRIES, else the file RICLOUD_CONF names,
// else ~/.ricloud.ini (what `ricloud config init` writes, ricloud-py's or this package's).
const config = await readRicloudConfig(); // { token, baseUrl, maxRetries }: those that are set
configure(config);
console.log(JSON.stringify(config)); // {"token":"[redacted]","baseUrl":"…","maxRetries":3}
console.log((await WebhookConfig.list()).data.length, 'webhook configs');
