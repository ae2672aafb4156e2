import type { Metadata } from "next";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/app/QueryProvider";
import { TopNav } from "@/components/app/TopNav";
import { ViewingProvider } from "@/components/viewing/ViewingContext";
import { actorFromSession } from "@/lib/auth/request-actor";
import { SAFE_VIEWING_DEFAULTS } from "@/lib/services/users/user.schema";
import { getViewingPreferences } from "@/lib/services/users/viewing-preferences";
import "./globals.css";

export const metadata: Metadata = {
  title: "GuardTrace Studio",
  description: "Training data for reasoning-trace guards",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await actorFromSession();
  const viewing = actor ? await getViewingPreferences(actor) : SAFE_VIEWING_DEFAULTS;
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <QueryProvider>
          <ViewingProvider initial={viewing}>
            {/* The first stop for the keyboard: past the navigation, straight to the page. */}
            <a href="#content" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow">
              Skip to content
            </a>
            <TopNav actor={actor} />
            <main id="content" tabIndex={-1} className="mx-auto max-w-[1600px] px-4 py-4 focus:outline-none">
              {children}
            </main>
          </ViewingProvider>
        </QueryProvider>
      </body>
    </html>
  );
}
