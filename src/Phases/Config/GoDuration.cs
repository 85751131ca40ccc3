using System.Globalization;
using System.Text;

namespace Kiln.Phases.Config;

/// <summary>A duration written the way Go's <c>time.Duration</c> prints and parses it (<c>24h0m0s</c>, <c>90s</c>, <c>1.5m</c>).</summary>
public readonly record struct GoDuration(TimeSpan Value) : IComparable<GoDuration>
{
    static readonly (string Unit, long Ticks)[] s_units =
    [
        ("ns", 0), ("us", 10), ("µs", 10), ("μs", 10), ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond), ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>Builds a duration from hours, minutes and seconds.</summary>
    public static GoDuration FromHours(double hours) => new(TimeSpan.FromHours(hours));

    /// <summary>Builds a duration from minutes.</summary>
    public static GoDuration FromMinutes(double minutes) => new(TimeSpan.FromMinutes(minutes));

    /// <summary>Parses Go's syntax: an optional sign, then one or more decimal numbers each with a unit.</summary>
    public static bool TryParse(string text, out GoDuration duration)
    {
        duration = default;
        var s = text.Trim();
        if (s.Length == 0)
        {
            return false;
        }

        var negative = s[0] == '-';
        if (s[0] is '-' or '+')
        {
            s = s[1..];
        }

        if (string.Equals(s, "0", StringComparison.Ordinal))
        {
            return true;
        }

        decimal ticks = 0;
        var i = 0;
        if (s.Length == 0)
        {
            return false;
        }

        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == start || !decimal.TryParse(s[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
            {
                i++;
            }

            var unit = s[unitStart..i];
            var match = Array.FindIndex(s_units, u => string.Equals(u.Unit, unit, StringComparison.Ordinal));
            if (match < 0)
            {
                return false;
            }

            // ticks are 100ns, so nanoseconds are counted as hundredths of a tick
            ticks += string.Equals(unit, "ns", StringComparison.Ordinal) ? number / 100 : number * s_units[match].Ticks;
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        duration = new GoDuration(TimeSpan.FromTicks((long)(negative ? -ticks : ticks)));
        return true;
    }

    /// <summary>Formats like Go's <c>Duration.String()</c>: <c>24h0m0s</c>, <c>1m30s</c>, <c>500ms</c>, <c>0s</c>.</summary>
    public override string ToString()
    {
        var ticks = Value.Ticks;
        if (ticks == 0)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        if (ticks < 0)
        {
            sb.Append('-');
            ticks = -ticks;
        }

        if (ticks < TimeSpan.TicksPerSecond)
        {
            // Go prints sub-second values in the largest unit below a second
            if (ticks % TimeSpan.TicksPerMillisecond == 0)
            {
                return sb.Append(ticks / TimeSpan.TicksPerMillisecond).Append("ms").ToString();
            }

            return sb.Append(Trim(ticks / 10m)).Append("µs").ToString();
        }

        var hours = ticks / TimeSpan.TicksPerHour;
        ticks %= TimeSpan.TicksPerHour;
        var minutes = ticks / TimeSpan.TicksPerMinute;
        ticks %= TimeSpan.TicksPerMinute;
        var seconds = ticks / (decimal)TimeSpan.TicksPerSecond;
        if (hours > 0)
        {
            sb.Append(hours).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            sb.Append(minutes).Append('m');
        }

        return sb.Append(Trim(seconds)).Append('s').ToString();
    }

    static string Trim(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public int CompareTo(GoDuration other) => Value.CompareTo(other.Value);

    /// <summary>Compares two durations.</summary>
    public static bool operator <(GoDuration left, GoDuration right) => left.CompareTo(right) < 0;

    /// <summary>Compares two durations.</summary>
    public static bool operator >(GoDuration left, GoDuration right) => left.CompareTo(right) > 0;

    /// <summary>Compares two durations.</summary>
    public static bool operator <=(GoDuration left, GoDuration right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two durations.</summary>
    public static bool operator >=(GoDuration left, GoDuration right) => left.CompareTo(right) >= 0;
}
