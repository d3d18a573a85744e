//! The recommender on a small invented network around "Flöha" (municipality 10, district 1).

use jiff::civil::{Date, date};

use super::*;
use crate::actor::{
    DataBasis, Home, LegalBasis, Membership, MembershipData, Organisation, OrganisationData,
    OrganisationKind as K, Person, PersonData, Pillars, Territory,
};
use crate::ids::{DistrictId, MembershipId, OrganisationId, TieId};
use crate::network::stored::Records;
use crate::territory::{
    Ags, District, DistrictAgs, DistrictData, DistrictKind, Municipality, MunicipalityData,
};
use crate::text::Name;
use crate::tie::{Strength, Tie, TieData, TieKind, TieSpec};
use crate::time::Period;

const DAY: Date = date(2026, 6, 1);
const FLOEHA: MunicipalityId = MunicipalityId::new(10);
const EMPTY_TOWN: MunicipalityId = MunicipalityId::new(13);

struct Fixture {
    districts: Vec<District>,
    municipalities: Vec<Municipality>,
    organisations: Vec<Organisation>,
    persons: Vec<Person>,
    memberships: Vec<Membership>,
    ties: Vec<Tie>,
}

impl Fixture {
    fn records(&self) -> Records<'_> {
        Records {
            districts: &self.districts,
            municipalities: &self.municipalities,
            organisations: &self.organisations,
            persons: &self.persons,
            memberships: &self.memberships,
            ties: &self.ties,
        }
    }
}

fn name(text: &str) -> Name {
    Name::parse(text).unwrap()
}

fn district(id: i64, ags: &str) -> District {
    District {
        id: DistrictId::new(id),
        data: DistrictData {
            ags: DistrictAgs::parse(ags).unwrap(),
            kind: DistrictKind::Landkreis,
            name: name(ags),
            nuts3: None,
            area_km2: None,
            population: None,
        },
    }
}

fn municipality(id: i64, district: i64, ags: &str) -> Municipality {
    Municipality {
        id: MunicipalityId::new(id),
        district_id: DistrictId::new(district),
        data: MunicipalityData {
            ags: Ags::parse(ags).unwrap(),
            name: name(&format!("Gemeinde {id}")),
            location: None,
            seat_population: None,
        },
    }
}

fn organisation(id: i64, kind: K, home: Home, area: Vec<Territory>) -> Organisation {
    Organisation {
        id: OrganisationId::new(id),
        data: OrganisationData {
            external_ref: None,
            name: name(&format!("Organisation {id}")),
            short_name: None,
            aliases: Vec::new(),
            kind,
            pillars: Pillars::new(kind.default_pillar().unwrap(), []),
            home,
            area,
            email: None,
            phone: None,
            website: None,
            address: None,
            description: None,
        },
    }
}

fn person(id: i64) -> Person {
    Person {
        id: PersonId::new(id),
        data: PersonData {
            external_ref: None,
            title: None,
            given_name: name("Person"),
            family_name: name(&id.to_string()),
            email: None,
            phone: None,
            basis: DataBasis::new(LegalBasis::PublicTask, None).unwrap(),
            note: None,
        },
    }
}

fn tie(id: i64, a: i64, b: i64) -> Tie {
    Tie {
        id: TieId::new(id),
        data: TieData::new(TieSpec {
            source: ActorId::Person(PersonId::new(a)),
            target: ActorId::Person(PersonId::new(b)),
            kind: TieKind::Cooperation,
            directed: false,
            strength: Strength::new(3).unwrap(),
            period: Period::ALWAYS,
            source_note: None,
            meeting_id: None,
        })
        .unwrap(),
    }
}

/// Persons 200–212 work at one organisation each: police station Flöha (200), its public order
/// office (201 and 212), youth work (202 and 211), the town hall (203), addiction counselling
/// (204) and streetwork (209) in Freiberg in the same district, a school in another district
/// (205), a state agency (206), the district office (207), a church (208) and the Freiberg
/// police station (210). Person 211 knows nobody.
fn fixture() -> Fixture {
    let m = |id| Home::Municipality(MunicipalityId::new(id));
    let area = |id| vec![Territory::Municipality(MunicipalityId::new(id))];
    let organisations = vec![
        organisation(100, K::PoliceStation, m(10), area(10)),
        organisation(101, K::PublicOrderOffice, m(10), Vec::new()),
        organisation(102, K::YouthWork, m(10), Vec::new()),
        organisation(103, K::Administration, m(10), Vec::new()),
        organisation(104, K::AddictionCounselling, m(11), Vec::new()),
        organisation(105, K::School, m(12), Vec::new()),
        organisation(106, K::StateAgency, Home::State, Vec::new()),
        organisation(
            107,
            K::DistrictOffice,
            Home::District(DistrictId::new(1)),
            Vec::new(),
        ),
        organisation(108, K::Church, m(10), Vec::new()),
        organisation(109, K::Streetwork, m(11), Vec::new()),
        organisation(110, K::PoliceStation, m(11), area(11)),
    ];
    let works: [(i64, i64); 13] = [
        (200, 100),
        (201, 101),
        (202, 102),
        (203, 103),
        (204, 104),
        (205, 105),
        (206, 106),
        (207, 107),
        (208, 108),
        (209, 109),
        (210, 110),
        (211, 102),
        (212, 101),
    ];
    let memberships = works
        .iter()
        .enumerate()
        .map(|(i, &(p, o))| Membership {
            id: MembershipId::new(i64::try_from(i).unwrap() + 1),
            data: MembershipData {
                person_id: PersonId::new(p),
                organisation_id: OrganisationId::new(o),
                function: None,
                period: Period::ALWAYS,
            },
        })
        .collect();
    let pairs = [
        (200, 201),
        (200, 212),
        (201, 203),
        (212, 203),
        (200, 202),
        (202, 203),
        (203, 207),
        (207, 204),
        (204, 209),
        (206, 203),
        (206, 204),
        (206, 210),
        (208, 202),
        (210, 209),
        (205, 206),
    ];
    Fixture {
        districts: vec![district(1, "14522"), district(2, "14521")],
        municipalities: vec![
            municipality(10, 1, "14522140"),
            municipality(11, 1, "14522180"),
            municipality(12, 2, "14521020"),
            municipality(13, 1, "14522440"),
        ],
        organisations,
        persons: works.iter().map(|&(p, _)| person(p)).collect(),
        memberships,
        ties: pairs
            .iter()
            .enumerate()
            .map(|(i, &(a, b))| tie(i64::try_from(i).unwrap() + 1, a, b))
            .collect(),
    }
}

fn drugs() -> RoleTemplate {
    RoleTemplate::new(
        CategoryCode::parse("DRG").unwrap(),
        [
            TableRole::Police,
            TableRole::PublicOrder,
            TableRole::AddictionCounselling,
            TableRole::YouthWork,
            TableRole::School,
            TableRole::Streetwork,
        ],
        true,
    )
    .unwrap()
}

fn request(seats: usize) -> Request {
    Request {
        municipality: FLOEHA,
        template: drugs(),
        seats,
        include: Vec::new(),
        exclude: Vec::new(),
        responsible: Vec::new(),
        eligible: None,
    }
}

fn busy() -> Loads {
    Loads::from_iter([(
        PersonId::new(201),
        Load {
            bodies: 4,
            open_actions: 5,
            recent_meetings: 3,
        },
    )])
}

fn run(f: &Fixture, request: &Request) -> Result<Recommendation, RoundTableError> {
    let net = TableNetwork::new(f.records(), DAY);
    recommend(f.records(), &net, &busy(), request)
}

fn ids(r: &Recommendation) -> Vec<i64> {
    r.seats.iter().map(|s| s.sitter.person_id.get()).collect()
}

#[test]
fn the_table_covers_the_roles_the_network_has_and_names_the_gap() {
    let f = fixture();
    let r = run(&f, &request(7)).unwrap();
    let mut seated = ids(&r);
    seated.sort_unstable();
    seated.dedup();
    assert_eq!(seated.len(), 7, "seven distinct persons: {seated:?}");
    // Every role of the template but school is covered; the only school lies in another
    // district, outside the pool.
    assert_eq!(r.objective.roles_covered, 5);
    assert_eq!(
        r.uncovered_roles,
        vec![Uncovered {
            role: TableRole::School,
            gap: Gap::NoneInNetwork
        }]
    );
    assert!(!seated.contains(&205));
    // The responsible police station (Flöha's) sits, not Freiberg's.
    assert!(
        seated.contains(&200) && !seated.contains(&210),
        "{seated:?}"
    );
    let police = r
        .seats
        .iter()
        .find(|s| s.sitter.person_id.get() == 200)
        .unwrap();
    assert!(police.reasons.contains(&Reason::Local {
        local: Local::PoliceStation
    }));
    assert!(police.reasons.contains(&Reason::Role {
        role: TableRole::Police
    }));
    // All four pillars sit at the table, as the template asks: the church brings the civic
    // pillar, the district office the district.
    assert_eq!(r.objective.pillars.len(), 4, "{:?}", r.objective.pillars);
    assert!(seated.contains(&208) && seated.contains(&207), "{seated:?}");
    assert_eq!(r.objective.local_covered.len(), 3);
}

#[test]
fn of_two_equal_people_the_connected_and_the_less_busy_one_sits() {
    let f = fixture();
    let r = run(&f, &request(6)).unwrap();
    let seated = ids(&r);
    // 202 and 211 both do youth work in Flöha; 211 knows nobody.
    assert!(
        seated.contains(&202) && !seated.contains(&211),
        "{seated:?}"
    );
    // 201 and 212 both work at the public order office with the same ties; 201 is overloaded.
    assert!(
        seated.contains(&212) && !seated.contains(&201),
        "{seated:?}"
    );
    let order = r
        .seats
        .iter()
        .find(|s| s.sitter.person_id.get() == 212)
        .unwrap();
    assert!(
        order
            .alternatives
            .iter()
            .any(|a| a.sitter.person_id.get() == 201)
    );
}

#[test]
fn each_seat_has_reasons_and_at_most_three_alternatives_from_outside_the_table() {
    let f = fixture();
    let r = run(&f, &request(5)).unwrap();
    let seated = ids(&r);
    for seat in &r.seats {
        assert!(!seat.reasons.is_empty());
        assert!(
            seat.reasons
                .iter()
                .any(|reason| matches!(reason, Reason::Connected { others: 4, .. }))
        );
        assert!(seat.alternatives.len() <= 3);
        for alternative in &seat.alternatives {
            assert!(!seated.contains(&alternative.sitter.person_id.get()));
            assert!(alternative.loss >= 0.0);
        }
        for lang in Lang::ALL {
            for reason in &seat.reasons {
                let text = reason.localize(lang);
                assert!(!text.contains('{') && !text.starts_with('['), "{text}");
            }
        }
    }
    assert_eq!(r.objective.pairs, 10);
    assert!(r.objective.connectivity > 0.0 && r.objective.connectivity <= 1.0);
}

#[test]
fn few_seats_leave_roles_without_a_seat_and_say_so() {
    let f = fixture();
    let r = run(&f, &request(2)).unwrap();
    assert_eq!(r.seats.len(), 2);
    assert!(r.uncovered_roles.iter().any(|u| u.gap == Gap::NoSeatLeft));
    assert!(r.uncovered_roles.contains(&Uncovered {
        role: TableRole::School,
        gap: Gap::NoneInNetwork
    }));
}

#[test]
fn the_result_does_not_depend_on_the_order_of_the_records() {
    let f = fixture();
    let first = run(&f, &request(6)).unwrap();
    let mut shuffled = fixture();
    shuffled.persons.reverse();
    shuffled.organisations.reverse();
    shuffled.memberships.reverse();
    shuffled.ties.reverse();
    let second = run(&shuffled, &request(6)).unwrap();
    assert_eq!(ids(&first), ids(&second));
    assert_eq!(first, run(&f, &request(6)).unwrap());
}

#[test]
fn included_people_sit_and_excluded_people_do_not() {
    let f = fixture();
    let mut asked = request(6);
    asked.include = vec![PersonId::new(205), PersonId::new(201)];
    asked.exclude = vec![PersonId::new(204)];
    let r = run(&f, &asked).unwrap();
    let seated = ids(&r);
    // 205 works in another district but was asked for, and brings the school.
    assert!(seated.contains(&205) && seated.contains(&201));
    assert!(!seated.contains(&204));
    let school = r
        .seats
        .iter()
        .find(|s| s.sitter.person_id.get() == 205)
        .unwrap();
    assert_eq!(school.reasons[0], Reason::Included);
    assert!(school.alternatives.is_empty());
    // Without 204 nobody does addiction counselling.
    assert!(r.uncovered_roles.contains(&Uncovered {
        role: TableRole::AddictionCounselling,
        gap: Gap::NoneInNetwork
    }));
}

#[test]
fn people_responsible_for_a_recorded_problem_count_as_local() {
    let f = fixture();
    let mut asked = request(4);
    asked.responsible = vec![ActorId::Organisation(OrganisationId::new(108))];
    let r = run(&f, &asked).unwrap();
    let church = r.seats.iter().find(|s| s.sitter.person_id.get() == 208);
    assert!(
        church.is_some_and(|s| s.reasons.contains(&Reason::Local {
            local: Local::Problem
        })),
        "{:?}",
        ids(&r)
    );
    assert!(r.objective.local_covered.contains(&Local::Problem));
}

#[test]
fn bad_requests_are_refused_with_what_was_wrong() {
    let f = fixture();
    let refused = |change: &dyn Fn(&mut Request)| {
        let mut asked = request(4);
        change(&mut asked);
        run(&f, &asked).unwrap_err()
    };
    assert_eq!(
        refused(&|r| r.seats = 0),
        RoundTableError::Seats { found: 0 }
    );
    assert_eq!(
        refused(&|r| r.seats = MAX_SEATS + 1),
        RoundTableError::Seats {
            found: MAX_SEATS + 1
        }
    );
    // 12 persons in the pool: all but the school's.
    assert_eq!(
        refused(&|r| r.seats = 13),
        RoundTableError::SeatsExceedPool {
            seats: 13,
            pool: 12
        }
    );
    assert_eq!(
        refused(&|r| r.include = vec![PersonId::new(999)]),
        RoundTableError::UnknownPerson { id: 999 }
    );
    assert_eq!(
        refused(&|r| {
            r.include = vec![PersonId::new(200)];
            r.exclude = vec![PersonId::new(200)];
        }),
        RoundTableError::IncludedAndExcluded { id: 200 }
    );
    assert_eq!(
        refused(&|r| {
            r.seats = 1;
            r.include = vec![PersonId::new(200), PersonId::new(201)];
        }),
        RoundTableError::TooManyIncluded {
            included: 2,
            seats: 1
        }
    );
    assert_eq!(
        refused(&|r| r.municipality = EMPTY_TOWN),
        RoundTableError::NoActors {
            municipality: "Gemeinde 13".to_owned()
        }
    );
    for lang in Lang::ALL {
        let text = RoundTableError::SeatsExceedPool {
            seats: 13,
            pool: 12,
        }
        .localize(lang);
        assert!(text.contains("13") && text.contains("12"), "{text}");
    }
}

#[test]
fn a_template_needs_a_role_and_keeps_each_once() {
    let code = CategoryCode::parse("GRP").unwrap();
    assert_eq!(
        RoleTemplate::new(code.clone(), [], true).unwrap_err().rule,
        Rule::Required
    );
    let t = RoleTemplate::new(
        code,
        [
            TableRole::Streetwork,
            TableRole::Police,
            TableRole::Streetwork,
        ],
        false,
    )
    .unwrap();
    assert_eq!(t.roles(), &[TableRole::Police, TableRole::Streetwork]);
}

#[test]
fn every_organisation_kind_fills_at_most_one_role() {
    for kind in K::ALL {
        let filled = TableRole::ALL
            .iter()
            .filter(|r| r.kinds().contains(kind))
            .count();
        assert!(filled <= 1, "{kind:?}");
    }
    assert_eq!(
        TableRole::of_kind(K::Streetwork),
        Some(TableRole::Streetwork)
    );
    assert_eq!(TableRole::of_kind(K::Research), None);
}

#[test]
fn load_counts_seats_open_items_and_the_last_six_months_of_meetings() {
    use crate::body::{BodyMember, BodyMemberData, BodyRole};
    use crate::ids::{ActionItemId, BodyId, BodyMemberId, MeetingId, ParticipationId};
    use crate::meeting::{
        ActionItem, ActionItemData, ActionStatus, Meeting, MeetingData, MeetingFormat,
        MeetingStatus, Participation, ParticipationData, ParticipationStatus, TimeSpan, Venue,
    };
    let p = PersonId::new(1);
    let seat = |id, until: Option<Date>| BodyMember {
        id: BodyMemberId::new(id),
        data: BodyMemberData {
            body_id: BodyId::new(id),
            person_id: p,
            organisation_id: None,
            role: BodyRole::Member,
            period: Period::new(None, until).unwrap(),
        },
    };
    let action = |id, status| ActionItem {
        id: ActionItemId::new(id),
        data: ActionItemData {
            meeting_id: None,
            decision_id: None,
            title: name("Aufgabe"),
            owner_id: Some(p),
            due_on: None,
            status,
            completed_on: None,
        },
    };
    let meeting = |id, day: Date| {
        let start = day.to_zoned(crate::time::home_zone()).unwrap().timestamp();
        Meeting {
            id: MeetingId::new(id),
            data: MeetingData {
                external_ref: None,
                series_id: None,
                title: name("Treffen"),
                time: TimeSpan::new(start, start + jiff::SignedDuration::from_hours(2)).unwrap(),
                format: MeetingFormat::InPerson,
                status: MeetingStatus::Held,
                venue: Venue::default(),
                capacity: None,
                description: None,
                minutes: None,
                hosts: Vec::new(),
            },
        }
    };
    let attended = |id, meeting, status| Participation {
        id: ParticipationId::new(id),
        data: ParticipationData {
            meeting_id: MeetingId::new(meeting),
            person_id: p,
            organisation_id: None,
            status,
            note: None,
        },
    };
    let loads = loads(
        &[seat(1, None), seat(2, Some(date(2025, 12, 31)))],
        &[
            action(1, ActionStatus::Open),
            action(2, ActionStatus::InProgress),
            action(3, ActionStatus::Done),
        ],
        &[
            meeting(1, date(2026, 5, 1)),
            meeting(2, date(2025, 11, 1)),
            meeting(3, date(2026, 7, 1)),
        ],
        &[
            attended(1, 1, ParticipationStatus::Attended),
            attended(2, 2, ParticipationStatus::Attended),
            attended(3, 3, ParticipationStatus::Registered),
        ],
        DAY,
    );
    assert_eq!(
        loads.of(p),
        Load {
            bodies: 1,
            open_actions: 2,
            recent_meetings: 1
        }
    );
    assert!((loads.of(p).share() - 0.4).abs() < 1e-12);
}

#[test]
fn only_eligible_people_are_seated() {
    let f = fixture();
    let mut asked = request(4);
    asked.eligible = Some([200, 201, 202, 203, 208].map(PersonId::new).into());
    let r = run(&f, &asked).unwrap();
    let mut seated = ids(&r);
    seated.sort_unstable();
    assert!(
        seated
            .iter()
            .all(|id| [200, 201, 202, 203, 208].contains(id)),
        "{seated:?}"
    );
    for seat in &r.seats {
        for a in &seat.alternatives {
            assert!([200, 201, 202, 203, 208].contains(&a.sitter.person_id.get()));
        }
    }
    assert_eq!(r.objective.pool, 5);
}
