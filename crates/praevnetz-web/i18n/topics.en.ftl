## Raising topics, votes, status (/themen)
topics-raise = Raise a topic
topics-raise-button = Raise the topic
topics-description-hint = What is it about, what should the meeting clarify?
topics-places-hint = The municipalities the topic concerns – you can choose those whose data you maintain. Without a municipality the topic belongs to its series.
topics-error-not-yours = You may not raise topics for { $municipality }; choose municipalities whose data you maintain.
topics-error-place = Choose at least one municipality – or a series whose meetings you may plan.
topics-votes = Votes
topics-votes-explain = Vote for the topics you want discussed at the next meetings; each stage is ordered by votes.
topics-vote = Vote for it
topics-vote-withdraw = Withdraw my vote
topics-voted = including yours
