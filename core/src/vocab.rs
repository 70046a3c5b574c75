//! Every controlled vocabulary Tandem uses, in one place.
//!
//! Each vocabulary is a Rust enum with a stable code per value: what is stored and what JSON uses.
//! The words people read live in the catalogues (`core/i18n/`), keyed `field.code`, so adding a
//! language never touches stored data. The words are peer-work words, not clinical ones.

use serde::{Deserialize, Serialize};

/// Declares a vocabulary: an enum with its codes and the list of all values.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[doc = $code] #[serde(rename = $code)] $variant,)+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable code stored in the vault and used in JSON.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// The value with this code, if any.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// All codes, comma-separated, for error messages.
            pub fn codes() -> String {
                Self::ALL.iter().map(|v| v.code()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

vocabulary! {
    /// The four kinds of entry.
    Kind {
        Contact = "contact",
        Moment = "moment",
        Boundary = "boundary",
        Wellbeing = "wellbeing",
    }
}

vocabulary! {
    /// How a contact happened.
    ContactMode {
        InPerson = "in_person",
        Phone = "phone",
        Video = "video",
        TextMessage = "text_message",
        Online = "online",
    }
}

vocabulary! {
    /// Where a contact happened.
    Setting {
        Office = "office",
        Community = "community",
        HomeVisit = "home_visit",
        Hospital = "hospital",
        Shelter = "shelter",
        StreetOutreach = "street_outreach",
        Online = "online",
        Other = "other",
    }
}

vocabulary! {
    /// One person or a group.
    ContactFormat {
        Individual = "individual",
        Group = "group",
    }
}

vocabulary! {
    /// Life areas a contact touched.
    Domain {
        Housing = "housing",
        Income = "income",
        Employment = "employment",
        Education = "education",
        PhysicalHealth = "physical_health",
        MentalHealth = "mental_health",
        SubstanceUse = "substance_use",
        HarmReduction = "harm_reduction",
        HivSti = "hiv_sti",
        Legal = "legal",
        Family = "family",
        SocialConnection = "social_connection",
        Navigation = "navigation",
        Crisis = "crisis",
        Other = "other",
    }
}

vocabulary! {
    /// What the peer worker did in a contact.
    Activity {
        Listening = "listening",
        SharingLivedExperience = "sharing_lived_experience",
        Accompaniment = "accompaniment",
        Advocacy = "advocacy",
        ResourceLinkage = "resource_linkage",
        RecoveryPlanning = "recovery_planning",
        SkillBuilding = "skill_building",
        CrisisSupport = "crisis_support",
        HarmReductionSupplies = "harm_reduction_supplies",
        GroupFacilitation = "group_facilitation",
        FollowUp = "follow_up",
    }
}

vocabulary! {
    /// The type of service a person was referred to. Never a named provider, so a referral
    /// cannot identify anyone.
    ReferralType {
        HousingSupport = "housing_support",
        IncomeSupport = "income_support",
        HealthCare = "health_care",
        MentalHealthSupport = "mental_health_support",
        SubstanceUseSupport = "substance_use_support",
        HarmReductionService = "harm_reduction_service",
        LegalHelp = "legal_help",
        EmploymentSupport = "employment_support",
        Education = "education",
        PeerGroup = "peer_group",
        CrisisLine = "crisis_line",
        CommunityProgram = "community_program",
        Other = "other",
    }
}

vocabulary! {
    /// What made a moment meaningful: the "who" and the "how" of peer support.
    MomentTheme {
        Relatedness = "relatedness",
        Normalization = "normalization",
        Stigma = "stigma",
        Trust = "trust",
        DifferenceMaking = "difference_making",
        RoleModeling = "role_modeling",
        GettingIt = "getting_it",
    }
}

vocabulary! {
    /// The twelve values of peer practice.
    PeerValue {
        Voluntary = "voluntary",
        Hopeful = "hopeful",
        OpenMinded = "open_minded",
        Empathetic = "empathetic",
        Respectful = "respectful",
        FacilitateChange = "facilitate_change",
        HonestDirect = "honest_direct",
        MutualReciprocal = "mutual_reciprocal",
        EquallySharedPower = "equally_shared_power",
        StrengthsFocused = "strengths_focused",
        Transparent = "transparent",
        PersonDriven = "person_driven",
    }
}

vocabulary! {
    /// The hard parts of the role, named so they can be noticed and brought to supervision.
    BoundaryCategory {
        SelfDisclosure = "self_disclosure",
        DualRelationship = "dual_relationship",
        Triggering = "triggering",
        RoleConfusion = "role_confusion",
        TrappedByPeerIdentity = "trapped_by_peer_identity",
        OutOfHoursContact = "out_of_hours_contact",
        GiftsOrMoney = "gifts_or_money",
        SocialMedia = "social_media",
        OrganizationalPressure = "organizational_pressure",
        Other = "other",
    }
}

vocabulary! {
    /// What the worker did to look after themselves.
    SelfCare {
        Rest = "rest",
        Movement = "movement",
        Outdoors = "outdoors",
        Connection = "connection",
        Creative = "creative",
        Spiritual = "spiritual",
        Food = "food",
        Debrief = "debrief",
        PeerSupport = "peer_support",
        Counselling = "counselling",
        Boundaries = "boundaries",
        Other = "other",
    }
}

/// Every vocabulary's codes, under the entry field that takes them, in display order. Front ends
/// build their choices from this, so they can never offer a value the core would refuse.
pub fn fields() -> Vec<(&'static str, Vec<&'static str>)> {
    fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|v| code(*v)).collect()
    }
    vec![
        ("kind", codes(Kind::ALL, Kind::code)),
        ("mode", codes(ContactMode::ALL, ContactMode::code)),
        ("setting", codes(Setting::ALL, Setting::code)),
        ("format", codes(ContactFormat::ALL, ContactFormat::code)),
        ("domains", codes(Domain::ALL, Domain::code)),
        ("activities", codes(Activity::ALL, Activity::code)),
        ("referral", codes(ReferralType::ALL, ReferralType::code)),
        ("themes", codes(MomentTheme::ALL, MomentTheme::code)),
        ("values", codes(PeerValue::ALL, PeerValue::code)),
        (
            "category",
            codes(BoundaryCategory::ALL, BoundaryCategory::code),
        ),
        ("self_care", codes(SelfCare::ALL, SelfCare::code)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_json() {
        for d in Domain::ALL {
            let json = serde_json::to_string(d).unwrap();
            assert_eq!(json, format!("\"{}\"", d.code()));
            assert_eq!(serde_json::from_str::<Domain>(&json).unwrap(), *d);
            assert_eq!(Domain::from_code(d.code()), Some(*d));
        }
    }

    #[test]
    fn vocabularies_match_the_product_brief() {
        assert_eq!(PeerValue::ALL.len(), 12);
        assert_eq!(Domain::ALL.len(), 15);
        assert_eq!(Activity::ALL.len(), 11);
        assert_eq!(BoundaryCategory::ALL.len(), 10);
        assert_eq!(MomentTheme::ALL.len(), 7);
    }

    #[test]
    fn every_vocabulary_field_is_a_field_of_some_kind() {
        for (field, codes) in fields() {
            assert!(!codes.is_empty());
            let known = field == "kind"
                || Kind::ALL
                    .iter()
                    .any(|k| crate::entry::Details::fields(*k).contains(&field));
            assert!(known, "{field} is not an entry field");
        }
    }
}
