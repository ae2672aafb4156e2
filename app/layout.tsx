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
          {/* The first stop for the keyboard: past the navigation, straight to the page. */}
          <a href="#content" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow">
            Skip to content
          </a>
          <TopNav actor={actor} />
          <main id="content" tabIndex={-1} className="mx-auto max-w-[1600px] px-4 py-4 focus:outline-none">
            {children}
          </main>
        </QueryProvider>
      </body>
    </html>
  );
}
