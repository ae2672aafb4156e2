import type { Metadata } from "next";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/app/QueryProvider";
import { TopNav } from "@/components/app/TopNav";
import { actorFromSession } from "@/lib/auth/request-actor";
import "./globals.css";

export const metadata: Metadata = {
  title: "GuardTrace Studio",
  description: "Training data for reasoning-trace guards",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await actorFromSession();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <QueryProvider>
          <TopNav actor={actor} />
          <main className="mx-auto max-w-[1600px] px-4 py-4">{children}</main>
        </QueryProvider>
      </body>
    </html>
  );
}
