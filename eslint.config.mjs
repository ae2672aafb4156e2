import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "react/no-danger": "error",
    },
  },
  { ignores: [".next/**", "node_modules/**", ".data/**", "lib/generated/**", "next-env.d.ts", "test-results/**"] },
];

export default config;
