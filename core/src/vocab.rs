//! Every controlled vocabulary Tandem uses, in one place.
//!
//! Each vocabulary is a Rust enum whose stable code (what is stored and what JSON uses) and
//! English label live side by side. Front ends translate by code, so adding a language never
//! touches stored data. The words are peer-work words, not clinical ones.

use serde::{Deserialize, Serialize};

/// Declares a vocabulary: an enum with its codes, English labels and the list of all values.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal : $label:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[doc = $label] #[serde(rename = $code)] $variant,)+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable code stored in the vault and used in JSON.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// The English label; other languages translate by code.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
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
        Contact = "contact": "Contact",
        Moment = "moment": "Meaningful moment",
        Boundary = "boundary": "Boundary issue",
        Wellbeing = "wellbeing": "Wellbeing check-in",
    }
}

vocabulary! {
    /// How a contact happened.
    ContactMode {
        InPerson = "in_person": "In person",
        Phone = "phone": "Phone",
        Video = "video": "Video",
        TextMessage = "text_message": "Text message",
        Online = "online": "Online",
    }
}

vocabulary! {
    /// Where a contact happened.
    Setting {
        Office = "office": "Office",
        Community = "community": "Community",
        HomeVisit = "home_visit": "Home visit",
        Hospital = "hospital": "Hospital",
        Shelter = "shelter": "Shelter",
        StreetOutreach = "street_outreach": "Street outreach",
        Online = "online": "Online",
        Other = "other": "Other",
    }
}

vocabulary! {
    /// One person or a group.
    ContactFormat {
        Individual = "individual": "One to one",
        Group = "group": "Group",
    }
}

vocabulary! {
    /// Life areas a contact touched.
    Domain {
        Housing = "housing": "Housing",
        Income = "income": "Income",
        Employment = "employment": "Work",
        Education = "education": "Learning",
        PhysicalHealth = "physical_health": "Physical health",
        MentalHealth = "mental_health": "Mental health",
        SubstanceUse = "substance_use": "Substance use",
        HarmReduction = "harm_reduction": "Harm reduction",
        HivSti = "hiv_sti": "HIV and STI",
        Legal = "legal": "Legal",
        Family = "family": "Family",
        SocialConnection = "social_connection": "Social connection",
        Navigation = "navigation": "Finding their way in services",
        Crisis = "crisis": "Crisis",
        Other = "other": "Other",
    }
}

vocabulary! {
    /// What the peer worker did in a contact.
    Activity {
        Listening = "listening": "Listening",
        SharingLivedExperience = "sharing_lived_experience": "Sharing lived experience",
        Accompaniment = "accompaniment": "Going along with them",
        Advocacy = "advocacy": "Speaking up with them",
        ResourceLinkage = "resource_linkage": "Connecting to resources",
        RecoveryPlanning = "recovery_planning": "Planning their recovery",
        SkillBuilding = "skill_building": "Building skills",
        CrisisSupport = "crisis_support": "Crisis support",
        HarmReductionSupplies = "harm_reduction_supplies": "Harm reduction supplies",
        GroupFacilitation = "group_facilitation": "Running a group",
        FollowUp = "follow_up": "Following up",
    }
}

vocabulary! {
    /// The type of service a person was referred to. Never a named provider, so a referral
    /// cannot identify anyone.
    ReferralType {
        HousingSupport = "housing_support": "Housing support",
        IncomeSupport = "income_support": "Income support",
        HealthCare = "health_care": "Health care",
        MentalHealthSupport = "mental_health_support": "Mental health support",
        SubstanceUseSupport = "substance_use_support": "Substance use support",
        HarmReductionService = "harm_reduction_service": "Harm reduction service",
        LegalHelp = "legal_help": "Legal help",
        EmploymentSupport = "employment_support": "Employment support",
        Education = "education": "Education",
        PeerGroup = "peer_group": "Peer group",
        CrisisLine = "crisis_line": "Crisis line",
        CommunityProgram = "community_program": "Community program",
        Other = "other": "Other",
    }
}

vocabulary! {
    /// What made a moment meaningful: the "who" and the "how" of peer support.
    MomentTheme {
        Relatedness = "relatedness": "Relatedness",
        Normalization = "normalization": "Normalizing",
        Stigma = "stigma": "Facing stigma",
        Trust = "trust": "Trust",
        DifferenceMaking = "difference_making": "Making a difference",
        RoleModeling = "role_modeling": "Showing what is possible",
        GettingIt = "getting_it": "Getting it",
    }
}

vocabulary! {
    /// The twelve values of peer practice.
    PeerValue {
        Voluntary = "voluntary": "Voluntary",
        Hopeful = "hopeful": "Hopeful",
        OpenMinded = "open_minded": "Open-minded",
        Empathetic = "empathetic": "Empathetic",
        Respectful = "respectful": "Respectful",
        FacilitateChange = "facilitate_change": "Supporting change",
        HonestDirect = "honest_direct": "Honest and direct",
        MutualReciprocal = "mutual_reciprocal": "Mutual",
        EquallySharedPower = "equally_shared_power": "Sharing power equally",
        StrengthsFocused = "strengths_focused": "Strengths-focused",
        Transparent = "transparent": "Transparent",
        PersonDriven = "person_driven": "Led by the person",
    }
}

vocabulary! {
    /// The hard parts of the role, named so they can be noticed and brought to supervision.
    BoundaryCategory {
        SelfDisclosure = "self_disclosure": "Sharing my own story",
        DualRelationship = "dual_relationship": "Knowing them another way too",
        Triggering = "triggering": "Something hit close to home",
        RoleConfusion = "role_confusion": "Unclear what my role is",
        TrappedByPeerIdentity = "trapped_by_peer_identity": "Stuck in the peer label",
        OutOfHoursContact = "out_of_hours_contact": "Contact outside work hours",
        GiftsOrMoney = "gifts_or_money": "Gifts or money",
        SocialMedia = "social_media": "Social media",
        OrganizationalPressure = "organizational_pressure": "Pressure from the organization",
        Other = "other": "Other",
    }
}

vocabulary! {
    /// What the worker did to look after themselves.
    SelfCare {
        Rest = "rest": "Rest",
        Movement = "movement": "Moving my body",
        Outdoors = "outdoors": "Time outside",
        Connection = "connection": "Time with people I trust",
        Creative = "creative": "Something creative",
        Spiritual = "spiritual": "Spiritual practice",
        Food = "food": "A good meal",
        Debrief = "debrief": "Talking it through",
        PeerSupport = "peer_support": "My own peer support",
        Counselling = "counselling": "Counselling",
        Boundaries = "boundaries": "Holding a boundary",
        Other = "other": "Other",
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
