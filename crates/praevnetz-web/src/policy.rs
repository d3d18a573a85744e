//! Who may read and change what. Every handler asks this module; no handler decides on its own.
//!
//! A user's *scope* (regions, districts, municipalities) expands to an *own area*: the
//! municipalities and districts the scope covers (a region covers its districts, a district its
//! municipalities). Their *region* is the network regions that contain any part of the scope.
//!
//! | role        | reads                                   | changes                     |
//! |-------------|-----------------------------------------|-----------------------------|
//! | admin       | everything                              | everything                  |
//! | coordinator | the whole network                       | within their own area       |
//! | member      | the whole network                       | within their own area       |
//! | viewer      | within their own area                   | nothing                     |
//!
//! Problems carry a visibility on top of that: *municipality* ones are seen by admins and by
//! coordinators and members whose own area holds the municipality; *region* ones also by every
//! user whose region holds it (viewers only within their own area); *network* ones by every
//! user who may read the place. Objects a user may not read do not exist for them (404).

use std::collections::HashSet;

use praevnetz_domain::actor::Home;
use praevnetz_domain::ids::{DistrictId, MunicipalityId};
use praevnetz_domain::problem::Visibility;
use praevnetz_domain::user::{Role, Scope, User};

use crate::atlas::Atlas;

/// Where an object belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The whole network (state-level organisations, persons without an organisation).
    Network,
    /// A district as a whole.
    District(DistrictId),
    /// A municipality in its district.
    Municipality(MunicipalityId, DistrictId),
}

impl Place {
    /// The place of a municipality, if the atlas knows it.
    pub fn of_municipality(atlas: &Atlas, id: MunicipalityId) -> Place {
        atlas
            .municipality(id)
            .map_or(Place::Network, |m| Place::Municipality(m.id, m.district_id))
    }

    /// The place of an organisation's home.
    pub fn of_home(atlas: &Atlas, home: Home) -> Place {
        match home {
            Home::State => Place::Network,
            Home::District(d) => Place::District(d),
            Home::Municipality(m) => Place::of_municipality(atlas, m),
        }
    }
}

/// A logged-in user with their areas resolved.
#[derive(Clone, Debug)]
pub struct Principal {
    /// The account.
    pub user: User,
    own_municipalities: HashSet<MunicipalityId>,
    /// Districts covered as a whole.
    own_districts: HashSet<DistrictId>,
    /// Districts with any part in the scope.
    touched_districts: HashSet<DistrictId>,
    /// Districts of the user's network regions.
    region_districts: HashSet<DistrictId>,
}

impl Principal {
    /// Resolves the user's scope against the territory.
    pub fn new(user: User, atlas: &Atlas) -> Principal {
        let mut own_municipalities = HashSet::new();
        let mut own_districts = HashSet::new();
        let mut touched_districts = HashSet::new();
        let mut region_districts = HashSet::new();
        for scope in &user.data.scopes {
            match *scope {
                Scope::Region(region) => {
                    for &d in atlas.region_districts(region) {
                        own_districts.insert(d);
                        touched_districts.insert(d);
                        region_districts.insert(d);
                    }
                }
                Scope::District(d) => {
                    own_districts.insert(d);
                    touched_districts.insert(d);
                }
                Scope::Municipality(m) => {
                    own_municipalities.insert(m);
                    if let Some(m) = atlas.municipality(m) {
                        touched_districts.insert(m.district_id);
                    }
                }
            }
        }
        for &d in &touched_districts {
            region_districts.insert(d);
            for region in atlas.regions_of(d) {
                region_districts.extend(atlas.region_districts(region.id));
            }
        }
        Principal {
            user,
            own_municipalities,
            own_districts,
            touched_districts,
            region_districts,
        }
    }

    /// The role.
    pub fn role(&self) -> Role {
        self.user.data.role
    }

    /// Whether the user administers the installation (accounts, audit log).
    pub fn is_admin(&self) -> bool {
        self.role() == Role::Admin
    }

    /// Whether the place lies in the user's own area. A district-level object counts for
    /// users with any part of the district (a municipality's people work with the district's
    /// police and youth office).
    fn in_own_area(&self, place: Place) -> bool {
        match place {
            Place::Network => false,
            Place::District(d) => self.touched_districts.contains(&d),
            Place::Municipality(m, d) => {
                self.own_municipalities.contains(&m) || self.own_districts.contains(&d)
            }
        }
    }

    /// Whether the place lies in one of the user's network regions.
    fn in_region(&self, place: Place) -> bool {
        match place {
            Place::Network => false,
            Place::District(d) | Place::Municipality(_, d) => self.region_districts.contains(&d),
        }
    }

    /// Whether the user may read an object at `place`.
    pub fn can_read(&self, place: Place) -> bool {
        match self.role() {
            Role::Admin | Role::Coordinator | Role::Member => true,
            Role::Viewer => place == Place::Network || self.in_own_area(place),
        }
    }

    /// Whether the user may read everything in the given districts and municipalities (a
    /// network of an area): everybody who reads everywhere; a viewer only when every district
    /// is wholly in their scope and every municipality in their own area.
    pub fn reads_all_of(
        &self,
        districts: &[DistrictId],
        municipalities: &[(MunicipalityId, DistrictId)],
    ) -> bool {
        if self.reads_everywhere() {
            return true;
        }
        if districts.is_empty() && municipalities.is_empty() {
            return false;
        }
        districts.iter().all(|d| self.own_districts.contains(d))
            && municipalities
                .iter()
                .all(|&(m, d)| self.in_own_area(Place::Municipality(m, d)))
    }

    /// Whether the user may read objects everywhere (lists then need no filtering by place).
    pub fn reads_everywhere(&self) -> bool {
        self.role() != Role::Viewer
    }

    /// Whether the user may change an object at `place`. Network-level objects are the
    /// admins'; district-level ones need the whole district in scope.
    pub fn can_edit(&self, place: Place) -> bool {
        match self.role() {
            Role::Admin => true,
            Role::Viewer => false,
            Role::Coordinator | Role::Member => match place {
                Place::Network => false,
                Place::District(d) => self.own_districts.contains(&d),
                Place::Municipality(..) => self.in_own_area(place),
            },
        }
    }

    /// Whether the user may see a problem of `place` with `visibility`.
    pub fn can_see_problem(&self, place: Place, visibility: Visibility) -> bool {
        match self.role() {
            Role::Admin => true,
            Role::Coordinator | Role::Member => match visibility {
                Visibility::Municipality => self.in_own_area(place),
                Visibility::Region => self.in_own_area(place) || self.in_region(place),
                Visibility::Network => true,
            },
            Role::Viewer => match visibility {
                Visibility::Municipality => false,
                Visibility::Region | Visibility::Network => self.in_own_area(place),
            },
        }
    }

    /// Whether the user may create or change problems, practices and actors anywhere at all
    /// (to decide whether to offer a "new" button).
    pub fn can_edit_somewhere(&self) -> bool {
        match self.role() {
            Role::Admin => true,
            Role::Viewer => false,
            Role::Coordinator | Role::Member => {
                !self.own_municipalities.is_empty() || !self.own_districts.is_empty()
            }
        }
    }

    /// The municipalities the user may change, in the atlas's order.
    pub fn editable_municipalities<'a>(
        &'a self,
        atlas: &'a Atlas,
    ) -> impl Iterator<Item = &'a praevnetz_domain::territory::Municipality> {
        atlas
            .municipalities
            .iter()
            .filter(|m| self.can_edit(Place::Municipality(m.id, m.district_id)))
    }
}

#[cfg(test)]
mod tests {
    use praevnetz_domain::i18n::Lang;
    use praevnetz_domain::ids::{RegionId, UserId};
    use praevnetz_domain::territory::{
        Ags, District, DistrictAgs, DistrictData, DistrictKind, Municipality, MunicipalityData,
        Region, RegionData,
    };
    use praevnetz_domain::text::{Email, Name, Slug};
    use praevnetz_domain::user::UserData;

    use super::*;

    /// Two regions: {C (Chemnitz), E (Erzgebirge), M (Mittelsachsen)} and {L (Leipzig)}; one
    /// municipality in each district, two in Mittelsachsen (Flöha, Freiberg).
    struct World {
        atlas: Atlas,
        c: Place,
        e: Place,
        floeha: Place,
        freiberg: Place,
        leipzig: Place,
        mittelsachsen: DistrictId,
        erzgebirge: DistrictId,
    }

    fn world() -> World {
        let name = |n: &str| Name::parse(n).unwrap();
        let district = |id: i64, ags: &str| District {
            id: DistrictId::new(id),
            data: DistrictData {
                ags: DistrictAgs::parse(ags).unwrap(),
                kind: DistrictKind::Landkreis,
                name: name(ags),
                nuts3: None,
                area_km2: None,
                population: None,
            },
        };
        let municipality = |id: i64, district: i64, ags: &str| Municipality {
            id: MunicipalityId::new(id),
            district_id: DistrictId::new(district),
            data: MunicipalityData {
                ags: Ags::parse(ags).unwrap(),
                name: name(ags),
                location: None,
                seat_population: None,
            },
        };
        let region = |id: i64, districts: &[&str]| Region {
            id: RegionId::new(id),
            data: RegionData {
                slug: Slug::parse(&format!("r{id}")).unwrap(),
                name: name(&format!("Region {id}")),
                description: None,
                districts: districts
                    .iter()
                    .map(|d| DistrictAgs::parse(d).unwrap())
                    .collect(),
            },
        };
        let atlas = Atlas::new(
            vec![
                district(1, "14511"),
                district(2, "14521"),
                district(3, "14522"),
                district(4, "14713"),
            ],
            vec![
                municipality(10, 1, "14511000"),
                municipality(20, 2, "14521010"),
                municipality(30, 3, "14522140"),
                municipality(31, 3, "14522180"),
                municipality(40, 4, "14713000"),
            ],
            vec![
                region(1, &["14511", "14521", "14522"]),
                region(2, &["14713"]),
            ],
        );
        World {
            c: Place::Municipality(MunicipalityId::new(10), DistrictId::new(1)),
            e: Place::Municipality(MunicipalityId::new(20), DistrictId::new(2)),
            floeha: Place::Municipality(MunicipalityId::new(30), DistrictId::new(3)),
            freiberg: Place::Municipality(MunicipalityId::new(31), DistrictId::new(3)),
            leipzig: Place::Municipality(MunicipalityId::new(40), DistrictId::new(4)),
            mittelsachsen: DistrictId::new(3),
            erzgebirge: DistrictId::new(2),
            atlas,
        }
    }

    fn principal(world: &World, role: Role, scopes: Vec<Scope>) -> Principal {
        let user = User {
            id: UserId::new(1),
            data: UserData {
                email: Email::parse("a@example.org").unwrap(),
                display_name: Name::parse("A").unwrap(),
                role,
                scopes,
                language: Lang::De,
                active: true,
                person_id: None,
            },
        };
        Principal::new(user, &world.atlas)
    }

    #[test]
    fn a_municipal_member_edits_only_their_municipality_and_reads_everything() {
        let w = world();
        let floeha = principal(
            &w,
            Role::Member,
            vec![Scope::Municipality(MunicipalityId::new(30))],
        );
        assert!(floeha.can_edit(w.floeha));
        assert!(!floeha.can_edit(w.freiberg));
        assert!(!floeha.can_edit(Place::District(w.mittelsachsen)));
        assert!(!floeha.can_edit(Place::Network));
        for place in [w.c, w.freiberg, w.leipzig, Place::Network] {
            assert!(floeha.can_read(place));
        }
    }

    #[test]
    fn problem_visibility_follows_municipality_region_and_network() {
        let w = world();
        let floeha = principal(
            &w,
            Role::Member,
            vec![Scope::Municipality(MunicipalityId::new(30))],
        );
        // Own municipality: all three levels.
        for v in [
            Visibility::Municipality,
            Visibility::Region,
            Visibility::Network,
        ] {
            assert!(floeha.can_see_problem(w.floeha, v));
        }
        // Elsewhere in the region: region and network only.
        assert!(!floeha.can_see_problem(w.freiberg, Visibility::Municipality));
        assert!(floeha.can_see_problem(w.freiberg, Visibility::Region));
        assert!(floeha.can_see_problem(w.c, Visibility::Region));
        // Outside the region: network only.
        assert!(!floeha.can_see_problem(w.leipzig, Visibility::Region));
        assert!(floeha.can_see_problem(w.leipzig, Visibility::Network));
    }

    #[test]
    fn a_viewer_reads_only_their_area_and_never_municipal_problems() {
        let w = world();
        let guest = principal(&w, Role::Viewer, vec![Scope::Region(RegionId::new(1))]);
        assert!(guest.can_read(w.floeha));
        assert!(guest.can_read(Place::District(w.erzgebirge)));
        assert!(guest.can_read(Place::Network));
        assert!(!guest.can_read(w.leipzig));
        assert!(!guest.can_edit(w.floeha));
        assert!(!guest.can_edit_somewhere());
        assert!(guest.can_see_problem(w.floeha, Visibility::Region));
        assert!(guest.can_see_problem(w.floeha, Visibility::Network));
        assert!(!guest.can_see_problem(w.floeha, Visibility::Municipality));
        assert!(!guest.can_see_problem(w.leipzig, Visibility::Network));
    }

    #[test]
    fn a_coordinator_edits_their_region_and_its_districts() {
        let w = world();
        let coordinator = principal(&w, Role::Coordinator, vec![Scope::Region(RegionId::new(1))]);
        assert!(coordinator.can_edit(w.floeha));
        assert!(coordinator.can_edit(w.e));
        assert!(coordinator.can_edit(Place::District(w.mittelsachsen)));
        assert!(!coordinator.can_edit(w.leipzig));
        assert!(!coordinator.can_edit(Place::Network));
        assert!(coordinator.can_see_problem(w.freiberg, Visibility::Municipality));
        assert!(!coordinator.can_see_problem(w.leipzig, Visibility::Municipality));
        assert!(!coordinator.can_see_problem(w.leipzig, Visibility::Region));
        assert!(coordinator.can_see_problem(w.leipzig, Visibility::Network));
    }

    #[test]
    fn a_district_member_edits_the_district_and_its_municipalities() {
        let w = world();
        let police = principal(&w, Role::Member, vec![Scope::District(w.mittelsachsen)]);
        assert!(police.can_edit(w.floeha));
        assert!(police.can_edit(w.freiberg));
        assert!(police.can_edit(Place::District(w.mittelsachsen)));
        assert!(!police.can_edit(w.e));
        assert_eq!(police.editable_municipalities(&w.atlas).count(), 2);
    }

    #[test]
    fn admins_may_do_everything_and_scopeless_members_nothing() {
        let w = world();
        let admin = principal(&w, Role::Admin, vec![]);
        assert!(admin.can_edit(Place::Network));
        assert!(admin.can_see_problem(w.leipzig, Visibility::Municipality));
        let nobody = principal(&w, Role::Member, vec![]);
        assert!(!nobody.can_edit(w.floeha));
        assert!(!nobody.can_edit_somewhere());
        assert!(!nobody.can_see_problem(w.floeha, Visibility::Municipality));
        assert!(!nobody.can_see_problem(w.floeha, Visibility::Region));
        assert!(nobody.can_see_problem(w.floeha, Visibility::Network));
    }
}
