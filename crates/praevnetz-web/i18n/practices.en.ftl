## Practice
nav-practices = Practice
practices-title = Good practice
practices-new = Record a new practice
practices-new-title = New practice
practices-edit-title = Edit practice
practices-all = All categories
practices-search = Search terms
practices-search-button = Search
practices-search-hint = Searches title, summary, approach and outcome; every word must occur, inflected forms included.
practices-total = { $count ->
    [0] No practice found.
    [one] One practice found.
   *[other] { $count } practices found.
}
practices-practice = Title
practices-summary = Summary
practices-approach = Approach
practices-outcome = Outcome
practices-categories = Problem categories
practices-partners = Partners
practices-partner = Partner
practices-partner-search = Search partners
practices-partner-caption = Organisations to tick
practices-contact = Contact person
practices-since = since
practices-until = until
practices-started = Started on
practices-ended = Ended on
practices-problems-link = problems
practices-markdown-hint = Formatting with Markdown: **bold**, *italic*, lists with "- " or "1. ".
practices-delete-confirm = The practice will be deleted for good. The audit log keeps its record.
