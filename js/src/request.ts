import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/** An error reply of the nb2pipe server extension (or no reply at all). */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly kind: string,
    readonly data: any
  ) {
    super(message);
  }
}

/**
 * Call the nb2pipe server extension: JSON in, JSON out, RequestError with the server's readable
 * message on failure. ServerConnection.makeRequest adds the token and the XSRF header.
 */
export async function requestAPI<T>(
  serverSettings: ServerConnection.ISettings,
  endPoint: string,
  method: 'GET' | 'POST' | 'DELETE' = 'GET',
  body?: unknown
): Promise<T> {
  const url = URLExt.join(serverSettings.baseUrl, 'nb2pipe', endPoint);
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, init, serverSettings);
  } catch (error) {
    throw new RequestError(`nb2pipe: the Jupyter server cannot be reached (${error})`, 0, 'network', null);
  }
  const text = await response.text();
  let data: any = null;
  if (text.length > 0) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { message: text };
    }
  }
  if (!response.ok) {
    const message =
      data?.error?.message ||
      data?.message ||
      `nb2pipe: the server answered ${response.status} ${response.statusText}`;
    if (response.status === 404 && !data?.error?.kind) {
      throw new RequestError(
        'nb2pipe: the server extension is not loaded; restart Jupyter after installing nb2pipe',
        404,
        'missing-extension',
        data
      );
    }
    throw new RequestError(message, response.status, data?.error?.kind ?? 'http', data);
  }
  return data as T;
}
