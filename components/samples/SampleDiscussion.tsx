"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiJson } from "@/components/app/api-client";
import { formProblems } from "@/components/app/form-problems";
import { commentInputSchema } from "@/lib/services/discussion/comment.schema";
import type { CommentView } from "@/lib/services/discussion/list-comments";

const KIND_LABELS: Record<CommentView["kind"], string | null> = { comment: null, flag: "flagged", resolution: "resolved the flag" };

/**
 * A sample's discussion thread: every comment as plain text (traces and notes hold hostile text, so
 * never HTML), with its author and time; a flag's note opens it, a resolution's note closes the flag.
 * Reading the thread marks the reader's mentions in it read.
 */
export function SampleDiscussion({ sampleId, canWrite }: { sampleId: number; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const key = ["comments", sampleId];
  const thread = useQuery({ queryKey: key, queryFn: () => apiJson<{ comments: CommentView[] }>(`/api/v1/samples/${sampleId}/comments`) });
  const [body, setBody] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const post = useMutation({
    mutationFn: (text: string) => apiJson<{ mentioned: string[] }>(`/api/v1/samples/${sampleId}/comments`, { method: "POST", body: JSON.stringify({ body: text }) }),
    onSuccess: (posted) => {
      setBody("");
      setProblem(posted.mentioned.length ? `Posted; ${posted.mentioned.join(", ")} will find it in their inbox.` : "Posted.");
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: ["inbox"] });
    },
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const found = formProblems(commentInputSchema, { body }, { body: "Comment" });
    setProblem(found);
    if (!found) post.mutate(body);
  };
  const comments = thread.data?.comments ?? [];
  return (
    <div className="space-y-2 text-sm">
      {thread.isPending && <p className="text-slate-500" aria-busy="true">Loading the thread…</p>}
      {thread.isError && <p className="text-rose-700">{thread.error.message}</p>}
      {thread.isSuccess && comments.length === 0 && <p className="text-slate-500">No comments yet.</p>}
      <ol className="space-y-1.5" aria-label="Comments">
        {comments.map((comment) => (
          <li key={comment.id} className={`rounded border px-3 py-2 ${comment.kind === "flag" ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}>
            <p className="text-xs text-slate-600">
              <span className="font-medium text-slate-800">{comment.author}</span>
              {KIND_LABELS[comment.kind] && <span> {KIND_LABELS[comment.kind]}</span>} · <time dateTime={comment.createdAt}>{new Date(comment.createdAt).toLocaleString()}</time>
            </p>
            <p className="mt-0.5 whitespace-pre-wrap break-words">{comment.body}</p>
          </li>
        ))}
      </ol>
      {canWrite && (
        <form onSubmit={submit} className="space-y-1" aria-label="Add a comment">
          <label htmlFor={`comment-${sampleId}`} className="text-[11px] font-medium uppercase tracking-wide text-slate-600">
            Comment
          </label>
          <textarea
            id={`comment-${sampleId}`}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit(event);
            }}
            rows={3}
            aria-describedby={`comment-${sampleId}-hint`}
            className="w-full rounded border border-slate-300 px-2 py-1"
          />
          <p id={`comment-${sampleId}-hint`} className="text-[11px] text-slate-600">
            Plain text. Mention someone with @ and their email (@ana@example.org); Ctrl+Enter posts.
          </p>
          <button type="submit" disabled={post.isPending} className="rounded bg-slate-900 px-3 py-1 text-xs text-white hover:bg-slate-700 disabled:opacity-60">
            Post
          </button>
          <p role="status" aria-live="polite" className={`text-xs ${post.isError ? "text-rose-700" : "text-slate-700"}`}>
            {post.isError ? post.error.message : problem}
          </p>
        </form>
      )}
    </div>
  );
}
