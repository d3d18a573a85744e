//! Topics.

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::ids::{TopicId, UserId};
use praevnetz_domain::text::{ExternalRef, Text};
use praevnetz_domain::topic::{Topic, TopicData, TopicStatus, TopicStatusChange};

use crate::{TopicFilter, TopicVotes};

store_api! {
    /// Records a topic with its categories and municipalities.
    fn create_topic(ctx: &ChangeContext, data: &TopicData) -> TopicId => topic::create_topic;
    /// Replaces a topic's data (categories and municipalities included).
    fn update_topic(ctx: &ChangeContext, id: TopicId, data: &TopicData) -> () => topic::update_topic;
    /// A topic; its categories come ordered by code, its municipalities by id.
    fn topic(id: TopicId) -> Option<Topic> => topic::get_topic;
    /// A topic by its external reference.
    fn topic_by_ref(external_ref: &ExternalRef) -> Option<Topic> => topic::topic_by_ref;
    /// Topics, filtered, the longest-standing first.
    fn topics(filter: &TopicFilter) -> Vec<Topic> => topic::list_topics;
    /// Deletes a topic; agenda items that took it up stay, without it.
    fn delete_topic(ctx: &ChangeContext, id: TopicId) -> () => topic::delete_topic;
    /// Gives (`vote`) or withdraws an account's vote for a topic (one per account and topic);
    /// whether anything changed. A missing topic or account is [`crate::StoreError::NotFound`].
    fn vote_topic(ctx: &ChangeContext, topic: TopicId, account: UserId, vote: bool) -> bool => topic::vote_topic;
    /// The votes of every topic that has any, each with whether `account` voted for it.
    fn topic_votes(account: Option<UserId>) -> Vec<TopicVotes> => topic::topic_votes;
    /// Moves a topic to another status where the pipeline allows it (else a field error on the
    /// status), keeping the change and its note in the topic's history; the status before.
    fn set_topic_status(ctx: &ChangeContext, id: TopicId, to: TopicStatus, note: Option<&Text>) -> TopicStatus => topic::set_topic_status;
    /// A topic's status changes, the earliest first.
    fn topic_status_changes(id: TopicId) -> Vec<TopicStatusChange> => topic::topic_status_changes;
}
