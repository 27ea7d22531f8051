//! The calendar both kinds of session book into: open days, holidays, venues and every booking.

use chrono::NaiveDate;
use shuxiang_core::calendar::{self, CalendarDay, OpenDays};
use shuxiang_core::calendar::{CalendarEntry, NewVenue, Venue};

commands! {
    read fn open_days(ctx) -> OpenDays {
        calendar::open_days(ctx.db())
    }

    write(Calendar) fn change_closed_weekdays(ctx, weekdays: Vec<u8>) -> OpenDays {
        calendar::change_closed_weekdays(
            ctx.db(),
            ctx.actor(),
            &weekdays,
        )
    }

    write(Calendar) fn save_calendar_day(ctx, day: CalendarDay) -> OpenDays {
        // The papers that pause on holidays follow, in the same action.
        calendar::save_calendar_day_and(
            ctx.db(),
            ctx.actor(),
            &day,
            &shuxiang_core::serials::holidays_changed,
        )
    }

    write(Calendar) fn remove_calendar_day(ctx, day: String) -> OpenDays {
        calendar::remove_calendar_day_and(
            ctx.db(),
            ctx.actor(),
            &day,
            &shuxiang_core::serials::holidays_changed,
        )
    }

    read fn venues(ctx) -> Vec<Venue> {
        calendar::venues(ctx.db())
    }

    write(Venue) fn create_venue(ctx, venue: NewVenue) -> Venue {
        calendar::create_venue(
            ctx.db(),
            ctx.actor(),
            &venue,
        )
    }

    write(Venue) fn edit_venue(ctx, id: i64, venue: NewVenue) -> Venue {
        calendar::edit_venue(
            ctx.db(),
            ctx.actor(),
            id,
            &venue,
        )
    }

    read fn calendar_entries(ctx, from: NaiveDate, to: NaiveDate) -> Vec<CalendarEntry> {
        calendar::calendar_entries(ctx.db(), from, to)
    }

    /// In December, while next year has no holidays listed, the reminder.
    read fn holiday_reminder(ctx) -> Option<String> {
        shuxiang_core::calendar::holiday_reminder(ctx.db())
    }
}
