import http from "node:http";
import { E2E_PORT } from "../../playwright.config";

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; text: string };

/**
 * One HTTP request to the e2e server from a chosen loopback source address (127.0.0.0/8): several
 * addresses stand in for different clients, as the server sees each socket's own address.
 */
export function requestFrom(address: string, method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port: E2E_PORT, localAddress: address, method, path, headers: options.headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

const cookiesOf = (response: RawResponse) => (response.headers["set-cookie"] ?? []).map((cookie) => cookie.split(";")[0]!);

/** A client at one address with its own cookie jar, signing in the way the sign-in form does. */
export class AddressClient {
  private readonly jar = new Map<string, string>();

  constructor(readonly address: string) {}

  /** Another client holding a copy of this one's cookies, as a thief with a copied cookie would. */
  copyTo(address: string): AddressClient {
    const copy = new AddressClient(address);
    for (const [name, value] of this.jar) copy.jar.set(name, value);
    return copy;
  }

  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async send(method: string, path: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
    const response = await requestFrom(this.address, method, path, { ...options, headers: { ...(this.jar.size > 0 ? { cookie: this.cookie } : {}), ...options.headers } });
    for (const pair of cookiesOf(response)) {
      const [name, ...value] = pair.split("=");
      this.jar.set(name!, value.join("="));
    }
    return response;
  }

  /** Posts the credentials; resolves to next-auth's error (the message the form would show), or null once signed in. */
  async signIn(email: string, password: string, callbackUrl = "/samples"): Promise<string | null> {
    const { csrfToken } = JSON.parse((await this.send("GET", "/api/auth/csrf")).text) as { csrfToken: string };
    const response = await this.send("POST", "/api/auth/callback/credentials", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl, json: "true" }).toString(),
    });
    const target = (JSON.parse(response.text) as { url: string }).url;
    return new URL(target).searchParams.get("error");
  }

  async signOut(): Promise<void> {
    const { csrfToken } = JSON.parse((await this.send("GET", "/api/auth/csrf")).text) as { csrfToken: string };
    await this.send("POST", "/api/auth/signout", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrfToken, json: "true" }).toString() });
  }

  /** A JSON API call riding on the session cookie, as the app's own pages make it. */
  api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
    return this.send(method, path, {
      headers: { "content-type": "application/json", origin: `http://127.0.0.1:${E2E_PORT}`, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
}
