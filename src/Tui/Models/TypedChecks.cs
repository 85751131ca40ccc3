namespace Kiln.Tui.Models;

/// <summary>Checks for values whose form is fixed, run on every key press: the CA pins and the bootstrap token.</summary>
public static class TypedChecks
{
    const string Sha256 = "sha256:";
    const int PinHexDigits = 64;

    /// <summary>
    /// CA pins, comma-separated: each <c>sha256:</c> then 64 hex digits (cmd/kubeadm/app/util/pubkeypin/pubkeypin.go).
    /// Says which pin, which column and why; while a pin is short, how many digits are still missing.
    /// </summary>
    public static TypedCheck? CaPins(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Length == 0)
        {
            return new(true, "sha256: then 64 hex digits");
        }

        var pins = text.Split(',');
        var offset = 0;
        for (var i = 0; i < pins.Length; offset += pins[i].Length + 1, i++)
        {
            var pin = pins[i].Trim();
            var start = offset + pins[i].IndexOf(pin, StringComparison.Ordinal) + 1;
            var name = pins.Length == 1 ? "" : $"pin {i + 1}: ";
            if (!pin.StartsWith(Sha256, StringComparison.Ordinal))
            {
                if (i == pins.Length - 1 && Sha256.StartsWith(pin, StringComparison.Ordinal))
                {
                    return new(true, $"{name}sha256: then 64 hex digits");
                }

                return new(false, $"{name}must start with 'sha256:' (column {start})");
            }

            var hex = pin[Sha256.Length..];
            var bad = hex.ToList().FindIndex(c => !Uri.IsHexDigit(c));
            if (bad >= 0)
            {
                return new(false, $"{name}'{hex[bad]}' at column {start + Sha256.Length + bad} is not a hex digit (0-9, a-f)");
            }

            if (hex.Length > PinHexDigits)
            {
                return new(false, $"{name}{hex.Length} hex digits; a sha256 pin has {PinHexDigits}");
            }

            if (hex.Length < PinHexDigits)
            {
                return i == pins.Length - 1
                    ? new(true, $"{name}{hex.Length} of {PinHexDigits} hex digits")
                    : new(false, $"{name}{hex.Length} hex digits; a sha256 pin has {PinHexDigits}");
            }
        }

        return new(true, pins.Length == 1 ? "a well-formed sha256 pin" : $"{pins.Length} well-formed sha256 pins");
    }

    /// <summary>A bootstrap token, <c>[a-z0-9]{6}.[a-z0-9]{16}</c>; never repeats the value.</summary>
    public static TypedCheck? Token(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var token = text.Trim();
        if (token.Length == 0)
        {
            return new(true, "6 then 16 characters of a-z, 0-9, joined by '.'");
        }

        var bad = token.ToList().FindIndex(c => c != '.' && !char.IsAsciiDigit(c) && !char.IsAsciiLetterLower(c));
        if (bad >= 0)
        {
            return new(false, $"column {bad + 1} is not a-z, 0-9 or '.'");
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return token.Length <= 6 ? new(true, $"{token.Length} of 6 characters of the id") : new(false, "the id has 6 characters, then '.'");
        }

        if (dot != 6 || token.IndexOf('.', dot + 1) >= 0)
        {
            return new(false, "the id has 6 characters, then one '.'");
        }

        var secret = token.Length - 7;
        return secret switch
        {
            < 16 => new(true, $"{secret} of 16 characters of the secret"),
            16 => new(true, "a well-formed token"),
            _ => new(false, $"the secret has {secret} characters; 16 expected"),
        };
    }
}
