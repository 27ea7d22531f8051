//! People (人员): staff and deputies, their cards and readers' PINs.

use shuxiang_core::people::{self, NewPerson, Page, PeopleQuery, Person};

commands! {
    read fn list_people(ctx, query: PeopleQuery) -> Page<Person> {
        people::list_people(ctx.db(), &query)
    }

    read fn get_person(ctx, id: i64) -> Person {
        people::get_person(ctx.db(), id)
    }

    write(Person) fn create_person(ctx, person: NewPerson) -> Person {
        people::create_person(
            ctx.db(),
            ctx.actor(),
            &person,
        )
    }

    write(Person) fn edit_person(ctx, id: i64, person: NewPerson) -> Person {
        people::edit_person(
            ctx.db(),
            ctx.actor(),
            id,
            &person,
        )
    }

    write(Pin) fn set_reader_pin(ctx, card: String, pin: String) -> Person {
        people::set_reader_pin(
            ctx.db(),
            ctx.actor(),
            &card,
            &pin,
        )
    }

    write(Person) fn set_person_active(ctx, id: i64, active: bool) -> Person {
        people::set_person_active(
            ctx.db(),
            ctx.actor(),
            id,
            active,
        )
    }
}
