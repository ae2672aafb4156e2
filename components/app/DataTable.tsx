import type { ReactNode, TableHTMLAttributes } from "react";

export type Column = { label: ReactNode; numeric?: boolean };

type Props = { columns: Column[]; caption?: string; children: ReactNode } & Omit<TableHTMLAttributes<HTMLTableElement>, "className" | "children">;

/**
 * The dense bordered table of the console views: a muted row of column names, numeric columns
 * right-aligned. The rows (`<tbody>`) are the caller's. On a narrow screen the table scrolls sideways
 * inside its own box rather than widening the page; the box is positioned, so that a screen-reader-only
 * label in a cell (placed absolutely) scrolls with it too.
 */
export function DataTable({ columns, caption, children, ...table }: Props) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full rounded border border-slate-200 bg-white text-xs" {...table}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-slate-50 text-slate-500">
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col" className={`px-2 py-1 font-normal ${column.numeric ? "text-right" : "text-left"}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}
