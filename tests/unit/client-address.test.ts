import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress, forwardedAddress, trustedProxyHops } from "@/lib/auth/client-address";

const headers = (values: Record<string, string>) => (name: string) => values[name] ?? null;

describe("clientAddress", () => {
  it("without a proxy takes the socket's address from the web server, never X-Forwarded-For", () => {
    expect(clientAddress(headers({ [CLIENT_ADDRESS_HEADER]: "127.0.0.2", "x-forwarded-for": "6.6.6.6" }), 0)).toBe("127.0.0.2");
    expect(clientAddress(headers({ "x-forwarded-for": "6.6.6.6" }), 0)).toBeNull();
  });

  it("behind proxies takes the entry our nearest proxy wrote, not what the client put in front of it", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; nginx appended the address it saw.
    expect(clientAddress(headers({ [CLIENT_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 203.0.113.7" }), 1)).toBe("203.0.113.7");
    expect(forwardedAddress("203.0.113.7", 1)).toBe("203.0.113.7");
    // Behind a load balancer and nginx: the balancer wrote the client's address, nginx the balancer's.
    expect(forwardedAddress("6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    expect(forwardedAddress(" 2001:db8::1 ,, ", 1)).toBe("2001:db8::1");
    expect(forwardedAddress(null, 1)).toBeNull();
    expect(forwardedAddress("", 1)).toBeNull();
    // Fewer entries than trusted hops: the request came past fewer proxies than configured; the leftmost is the best there is.
    expect(forwardedAddress("203.0.113.7", 2)).toBe("203.0.113.7");
  });
});

describe("trustedProxyHops", () => {
  const saved = process.env.GTS_TRUSTED_PROXY_HOPS;
  afterEach(() => {
    if (saved === undefined) delete process.env.GTS_TRUSTED_PROXY_HOPS;
    else process.env.GTS_TRUSTED_PROXY_HOPS = saved;
  });

  it("defaults to no proxy and ignores nonsense", () => {
    delete process.env.GTS_TRUSTED_PROXY_HOPS;
    expect(trustedProxyHops()).toBe(0);
    process.env.GTS_TRUSTED_PROXY_HOPS = "2";
    expect(trustedProxyHops()).toBe(2);
    for (const bad of ["-1", "1.5", "many"]) {
      process.env.GTS_TRUSTED_PROXY_HOPS = bad;
      expect(trustedProxyHops()).toBe(0);
    }
  });
});
