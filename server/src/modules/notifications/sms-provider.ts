/**
 * How an SMS leaves the system. The development provider sends nothing: the outbox row is the record a developer
 * reads. The HTTP provider posts to a gateway configured by URL and key.
 */
export interface SmsMessage {
  /** Outbox id: gateways that de-duplicate can use it, so a retried job does not send twice. */
  id: string;
  phone: string;
  body: string;
  segments: string[];
}

export interface SmsProvider {
  readonly name: 'development' | 'http';
  send(message: SmsMessage): Promise<void>;
}

export class SmsSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmsSendError';
  }
}

export function createDevelopmentSmsProvider(): SmsProvider {
  return { name: 'development', send: async () => {} };
}

export function createHttpSmsProvider(options: { url: string; key: string; timeoutMs?: number }): SmsProvider {
  return {
    name: 'http',
    async send(message) {
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.key}` },
          body: JSON.stringify({
            id: message.id,
            phone: message.phone,
            text: message.body,
            segments: message.segments,
          }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        throw new SmsSendError(`短信网关无法连接：${(error as Error).message}`);
      }
      // Drain the body so the connection can be reused.
      await response.text().catch(() => '');
      if (!response.ok) throw new SmsSendError(`短信网关返回错误：HTTP ${response.status}`);
    },
  };
}

export function createSmsProvider(config: {
  smsProvider: 'development' | 'http';
  smsHttpUrl: string | null;
  smsHttpKey: string | null;
}): SmsProvider {
  if (config.smsProvider === 'http') {
    if (!config.smsHttpUrl) throw new Error('SMS_PROVIDER=http needs SMS_HTTP_URL');
    return createHttpSmsProvider({ url: config.smsHttpUrl, key: config.smsHttpKey ?? '' });
  }
  return createDevelopmentSmsProvider();
}
