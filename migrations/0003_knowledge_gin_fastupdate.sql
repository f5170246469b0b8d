-- Knowledge-base search indexes without the GIN pending list: searches run on every keystroke of every agent, while
-- matters are published a few times a day. With fastupdate on, freshly published rows sit in an unsorted pending list
-- that every search scans until (auto)vacuum merges it; off, each insert pays a little more and searches stay steady.
ALTER INDEX "kb_search_documents_document_idx" SET (fastupdate = off);
--> statement-breakpoint
ALTER INDEX "kb_search_documents_title_document_idx" SET (fastupdate = off);
