//! Topics.

use praevnetz_domain::audit::ChangeContext;
use praevnetz_domain::ids::TopicId;
use praevnetz_domain::text::ExternalRef;
use praevnetz_domain::topic::{Topic, TopicData};

use crate::TopicFilter;

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
}
