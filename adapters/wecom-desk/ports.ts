/**
 * What the WeCom desk needs from the shared WeChat-family module (adapters/wechat-shared/, written in
 * parallel): the WXBizMsgCrypt callback check and the access-token-carrying API client. Injected as these
 * two small interfaces so the desk does not depend on that module's exact shape; the composition root wires
 * them (e.g. `openEncryptedCallback` and `createWeComClient(...).post`).
 */

/** Authenticates and opens the app's encrypted callback (wecom.md §3–4). Throws AuthenticityError. */
export interface WeComCallbackCrypto {
  /** GET URL verification: checks msg_signature over the echostr and returns the decrypted echo. */
  verifyUrl(query: Readonly<Record<string, string | undefined>>): string;
  /** POST: checks msg_signature over `<Encrypt>` and returns the decrypted inner XML. */
  decryptCallback(query: Readonly<Record<string, string | undefined>>, body: Buffer): string;
}

/**
 * Calls `POST {apiUrl}/cgi-bin/<api>?access_token=…` with the app's cached token (shared across processes,
 * refreshed on 40014/42001). Resolves with the JSON answer when errcode is 0; throws ChannelApiError /
 * ChannelNetworkError otherwise.
 */
export interface WeComAppApi {
  post(api: 'appchat/send' | 'message/send', body: Record<string, unknown>): Promise<Record<string, unknown>>;
}
