package dev.ordersprofiles.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** EventBridge cron expressions, with the examples of the EventBridge user guide among them. */
class CronExpressionTest {

    @Test
    void every_day_at_a_time_is_strictly_after_the_given_instant() {
        assertThat(next("cron(0 10 * * ? *)", "2026-12-02T10:00:00Z")).contains(at("2026-12-03T10:00:00Z"));
        assertThat(next("cron(0 10 * * ? *)", "2026-12-02T09:59:30Z")).contains(at("2026-12-02T10:00:00Z"));
        assertThat(next("cron(15 12 * * ? *)", "2026-12-31T13:00:00Z")).contains(at("2027-01-01T12:15:00Z"));
    }

    @Test
    void steps_ranges_lists_and_names() {
        assertThat(next("cron(0/15 * * * ? *)", "2026-12-02T10:07:00Z")).contains(at("2026-12-02T10:15:00Z"));
        assertThat(next("cron(0 18 ? * MON-FRI *)", "2026-12-04T18:00:00Z")).contains(at("2026-12-07T18:00:00Z"));
        assertThat(next("cron(0/5 8-17 ? * MON-FRI *)", "2026-12-04T17:56:00Z"))
                .contains(at("2026-12-07T08:00:00Z"));
        assertThat(next("cron(0 8 1 * ? *)", "2026-12-02T00:00:00Z")).contains(at("2027-01-01T08:00:00Z"));
        assertThat(next("cron(30 6,18 ? * 1 *)", "2026-12-06T07:00:00Z")).as("1 is Sunday")
                .contains(at("2026-12-06T18:30:00Z"));
        assertThat(next("cron(0 0 1 JAN,JUL ? 2027-2028)", "2027-02-01T00:00:00Z"))
                .contains(at("2027-07-01T00:00:00Z"));
    }

    @Test
    void last_weekday_and_nth_day_markers() {
        assertThat(next("cron(0 0 L * ? *)", "2027-02-01T00:00:00Z")).contains(at("2027-02-28T00:00:00Z"));
        // 2026-11-01 is a Sunday: the nearest weekday is Monday the 2nd
        assertThat(next("cron(0 0 1W * ? *)", "2026-10-31T00:00:00Z")).contains(at("2026-11-02T00:00:00Z"));
        // 2027-01-31 is a Sunday: the last weekday is Friday the 29th
        assertThat(next("cron(0 0 LW * ? *)", "2027-01-02T00:00:00Z")).contains(at("2027-01-29T00:00:00Z"));
        assertThat(next("cron(0 12 ? * 6L *)", "2026-12-02T00:00:00Z")).as("the last Friday")
                .contains(at("2026-12-25T12:00:00Z"));
        assertThat(next("cron(0 9 ? * 2#1 *)", "2026-12-02T00:00:00Z")).as("the first Monday")
                .contains(at("2026-12-07T09:00:00Z"));
    }

    @Test
    void a_year_in_the_past_never_fires() {
        assertThat(next("cron(0 0 1 1 ? 2025)", "2026-12-02T00:00:00Z")).isEmpty();
    }

    @Test
    void what_eventbridge_refuses_is_refused() {
        assertThatThrownBy(() -> CronExpression.parse("cron(0 10 * * ?)")).hasMessageContaining("six fields");
        assertThatThrownBy(() -> CronExpression.parse("cron(0 10 * * * *)")).hasMessageContaining("'?'");
        assertThatThrownBy(() -> CronExpression.parse("cron(0 10 ? * ? *)")).hasMessageContaining("'?'");
        assertThatThrownBy(() -> CronExpression.parse("cron(60 10 * * ? *)")).hasMessageContaining("minutes 60");
        assertThatThrownBy(() -> CronExpression.parse("cron(0 10 * FOO ? *)")).hasMessageContaining("month");
        assertThatThrownBy(() -> CronExpression.parse("cron(0 10 ? * 2#6 *)")).hasMessageContaining("day-of-week");
        assertThatThrownBy(() -> Schedules.validate("cron(0 25 * * ? *)")).hasMessageContaining("hours 25");
        Schedules.validate("rate(5 minutes)");
        Schedules.validate("cron(0 10 * * ? *)");
    }

    private static Optional<ZonedDateTime> next(String expression, String after) {
        return CronExpression.parse(expression).next(ZonedDateTime.parse(after));
    }

    private static ZonedDateTime at(String instant) {
        return ZonedDateTime.parse(instant);
    }
}
