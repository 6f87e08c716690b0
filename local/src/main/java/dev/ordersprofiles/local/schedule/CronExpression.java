package dev.ordersprofiles.local.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;

/**
 * An EventBridge {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)} expression, in UTC, as the
 * EventBridge user guide defines it: six fields; {@code , - * /} everywhere; {@code ?} in exactly one of the two
 * day fields; {@code L} and {@code W} (and {@code LW}) in day-of-month; {@code L} ({@code 6L}: the last Friday) and
 * {@code #} ({@code 2#1}: the first Monday) in day-of-week, where 1 is Sunday; month and weekday names
 * ({@code JAN}, {@code MON-FRI}).
 */
public final class CronExpression {
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet months;
    private final BitSet years;
    private final DayRule days;

    private CronExpression(String text, BitSet minutes, BitSet hours, BitSet months, BitSet years, DayRule days) {
        this.text = text;
        this.minutes = minutes;
        this.hours = hours;
        this.months = months;
        this.years = years;
        this.days = days;
    }

    /**
     * Parses the inside of {@code cron(...)}, or the whole {@code cron(...)} expression.
     *
     * @throws IllegalArgumentException naming the field that is not as EventBridge accepts it
     */
    public static CronExpression parse(String expression) {
        String inner = expression.trim();
        if (inner.startsWith("cron(") && inner.endsWith(")")) {
            inner = inner.substring(5, inner.length() - 1).trim();
        }
        String[] f = inner.toUpperCase(Locale.ROOT).split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("cron expression '" + expression
                    + "' must have six fields: minutes hours day-of-month month day-of-week year");
        }
        boolean domAny = f[2].equals("?");
        boolean dowAny = f[4].equals("?");
        if (domAny == dowAny) {
            throw new IllegalArgumentException("cron expression '" + expression
                    + "': exactly one of day-of-month and day-of-week must be '?'");
        }
        BitSet minutes = field(f[0], 0, 59, null, "minutes", expression);
        BitSet hours = field(f[1], 0, 23, null, "hours", expression);
        BitSet months = field(f[3], 1, 12, MONTHS, "month", expression);
        BitSet years = field(f[5], 1970, 2199, null, "year", expression);
        DayRule days = dowAny ? dayOfMonth(f[2], expression) : dayOfWeek(f[4], expression);
        return new CronExpression(expression, minutes, hours, months, years, days);
    }

    /** The first time strictly after {@code after} (UTC, whole minutes) that the expression names, if any. */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        LocalDateTime start = after.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime()
                .truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate date = start.toLocalDate();
        LocalDate end = LocalDate.of(2200, 1, 1);
        boolean firstDay = true;
        while (date.isBefore(end)) {
            if (!years.get(date.getYear())) {
                date = LocalDate.of(date.getYear() + 1, 1, 1);
                firstDay = false;
                continue;
            }
            if (!months.get(date.getMonthValue())) {
                date = date.withDayOfMonth(1).plusMonths(1);
                firstDay = false;
                continue;
            }
            if (days.matches(date)) {
                int fromHour = firstDay ? start.getHour() : 0;
                for (int h = hours.nextSetBit(fromHour); h >= 0; h = hours.nextSetBit(h + 1)) {
                    int fromMinute = firstDay && h == start.getHour() ? start.getMinute() : 0;
                    int m = minutes.nextSetBit(fromMinute);
                    if (m >= 0) {
                        return Optional.of(date.atTime(h, m).atZone(ZoneOffset.UTC));
                    }
                }
            }
            date = date.plusDays(1);
            firstDay = false;
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }

    private interface DayRule {
        boolean matches(LocalDate date);
    }

    private static DayRule dayOfMonth(String field, String expression) {
        if (field.equals("L")) {
            return date -> date.getDayOfMonth() == date.lengthOfMonth();
        }
        if (field.equals("LW")) {
            return date -> date.equals(weekdayNearest(date.with(TemporalAdjusters.lastDayOfMonth()), true));
        }
        if (field.endsWith("W")) {
            int day = number(field.substring(0, field.length() - 1), 1, 31, null, "day-of-month", expression);
            return date -> day <= date.lengthOfMonth() && date.equals(weekdayNearest(date.withDayOfMonth(day), false));
        }
        BitSet set = field(field, 1, 31, null, "day-of-month", expression);
        return date -> set.get(date.getDayOfMonth());
    }

    /** The weekday nearest a day, never leaving its month (as EventBridge's {@code W}). */
    private static LocalDate weekdayNearest(LocalDate day, boolean last) {
        DayOfWeek dow = day.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY) {
            return day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
        }
        if (dow == DayOfWeek.SUNDAY) {
            return day.getDayOfMonth() == day.lengthOfMonth() || last ? day.minusDays(2) : day.plusDays(1);
        }
        return day;
    }

    private static DayRule dayOfWeek(String field, String expression) {
        if (field.equals("L")) {
            return date -> cronDay(date) == 7;
        }
        if (field.endsWith("L")) {
            int day = number(field.substring(0, field.length() - 1), 1, 7, DAYS, "day-of-week", expression);
            return date -> cronDay(date) == day && date.plusDays(7).getMonthValue() != date.getMonthValue();
        }
        int hash = field.indexOf('#');
        if (hash >= 0) {
            int day = number(field.substring(0, hash), 1, 7, DAYS, "day-of-week", expression);
            int nth = number(field.substring(hash + 1), 1, 5, null, "day-of-week", expression);
            return date -> cronDay(date) == day && (date.getDayOfMonth() - 1) / 7 + 1 == nth;
        }
        BitSet set = field(field, 1, 7, DAYS, "day-of-week", expression);
        return date -> set.get(cronDay(date));
    }

    /** 1 = Sunday … 7 = Saturday, as cron counts. */
    private static int cronDay(LocalDate date) {
        return date.getDayOfWeek().getValue() % 7 + 1;
    }

    private static BitSet field(String field, int min, int max, String[] names, String name, String expression) {
        BitSet set = new BitSet(max + 1);
        for (String part : field.split(",", -1)) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, null, name, expression);
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-');
                if (dash > 0) {
                    from = number(range.substring(0, dash), min, max, names, name, expression);
                    to = number(range.substring(dash + 1), min, max, names, name, expression);
                } else {
                    from = number(range, min, max, names, name, expression);
                    to = slash >= 0 ? max : from;
                }
            }
            if (from > to) {
                throw new IllegalArgumentException("cron expression '" + expression + "': " + name + " range '"
                        + range + "' runs backwards");
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int number(String text, int min, int max, String[] names, String name, String expression) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(text)) {
                    return i + 1;
                }
            }
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cron expression '" + expression + "': '" + text
                    + "' is not a valid " + name + " value");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("cron expression '" + expression + "': " + name + " " + value
                    + " is outside " + min + "-" + max);
        }
        return value;
    }
}
