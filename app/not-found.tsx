import Link from "next/link";

/** Every page's answer for what is not there: a sample id that does not exist, a dataset that is gone. */
export default function NotFound() {
  return (
    <section aria-labelledby="not-found-title" className="max-w-xl space-y-2 py-8">
      <h1 id="not-found-title" className="text-lg font-semibold">Not found</h1>
      <p className="text-sm text-slate-700">Nothing lives at this address. It may have been deleted, or the link may be mistyped.</p>
      <p className="text-sm">
        <Link className="text-sky-800 underline" href="/samples">
          Browse the samples
        </Link>
      </p>
    </section>
  );
}
