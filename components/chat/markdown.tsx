"use client";

import { memo } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

const remarkPlugins = [remarkGfm];

const components: Components = {
  // Links in model output leave the app and never get the opener.
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
  // Wide tables scroll inside the card instead of widening it.
  table: ({ node: _node, ...props }) => (
    <div className="prose-table">
      <table {...props} />
    </div>
  ),
};

/**
 * Model-written Markdown (GFM). Raw HTML is not rendered and unsafe URLs are
 * dropped (react-markdown's defaults). Memoized: a streaming reply re-renders
 * its card many times, and unchanged text need not be parsed again.
 */
export const MarkdownContent = memo(function MarkdownContent({ text }: { text: string }) {
  return (
    <div className="prose-ballast">
      <Markdown remarkPlugins={remarkPlugins} components={components}>
        {text}
      </Markdown>
    </div>
  );
});
