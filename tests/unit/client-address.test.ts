import { afterEach, describe, expect, it } from "vitest";
import { clientAddress, trustedProxyHops } from "@/lib/auth/client-address";

describe("clientAddress", () => {
  it("takes the entry our nearest proxy wrote, not what the client put in front of it", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; nginx appended the address it saw.
    expect(clientAddress("6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientAddress("203.0.113.7", 1)).toBe("203.0.113.7");
    // Behind a load balancer and nginx: the balancer wrote the client's address, nginx the balancer's.
    expect(clientAddress("6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    expect(clientAddress(" 2001:db8::1 ,, ", 1)).toBe("2001:db8::1");
  });

  it("knows no address without a trusted proxy or without the header", () => {
    expect(clientAddress("203.0.113.7", 0)).toBeNull();
    expect(clientAddress(null, 1)).toBeNull();
    expect(clientAddress("", 1)).toBeNull();
    // Fewer entries than trusted hops: the request came past fewer proxies than configured; the leftmost is the best there is.
    expect(clientAddress("203.0.113.7", 2)).toBe("203.0.113.7");
  });
});

describe("trustedProxyHops", () => {
  const saved = process.env.GTS_TRUSTED_PROXY_HOPS;
  afterEach(() => {
    if (saved === undefined) delete process.env.GTS_TRUSTED_PROXY_HOPS;
    else process.env.GTS_TRUSTED_PROXY_HOPS = saved;
  });

  it("defaults to one proxy and ignores nonsense", () => {
    delete process.env.GTS_TRUSTED_PROXY_HOPS;
    expect(trustedProxyHops()).toBe(1);
    process.env.GTS_TRUSTED_PROXY_HOPS = "0";
    expect(trustedProxyHops()).toBe(0);
    process.env.GTS_TRUSTED_PROXY_HOPS = "2";
    expect(trustedProxyHops()).toBe(2);
    for (const bad of ["-1", "1.5", "many"]) {
      process.env.GTS_TRUSTED_PROXY_HOPS = bad;
      expect(trustedProxyHops()).toBe(1);
    }
  });
});
