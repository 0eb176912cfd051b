//! Every number the page shows as text, formatted in one place so that no reading is ever
//! "NaN", "inf" or "-0.00": a value that is not finite reads as a dash, a signed zero as 0,
//! and ratios and relative errors of zero quantities get a defined reading by construction.

/// What a value that cannot be shown reads as (an estimate before any episode, an undefined
/// ratio).
pub const MISSING: &str = "—";

/// Drops the sign of a formatted zero: "-0.000" → "0.000", "-0" → "0" (a tiny negative
/// number rounded to zero digits is still zero to the reader).
fn unsigned_zero(text: String) -> String {
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => text,
    }
}

/// `value` with `decimals` digits after the point, e.g. `fixed(0.5, 3)` = "0.500"; a dash
/// when it is not finite; never "-0.000".
pub fn fixed(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return MISSING.to_string();
    }
    unsigned_zero(format!("{value:.decimals$}"))
}

/// At most `decimals` digits after the point, trailing zeros dropped: `compact(0.5, 4)` =
/// "0.5", `compact(1.0 / 3.0, 4)` = "0.3333", `compact(-2.0, 4)` = "-2" — for numbers a
/// reader typed into a file, shown as typed where they were short.
pub fn compact(value: f64, decimals: usize) -> String {
    let text = fixed(value, decimals);
    if text.contains('.') {
        let trimmed = text.trim_end_matches('0').trim_end_matches('.');
        unsigned_zero(trimmed.to_string())
    } else {
        text
    }
}

/// As [`fixed`], with a sign always shown ("+0.500", "−" for negatives as "-"), and zero
/// without one ("0.000").
pub fn signed(value: f64, decimals: usize) -> String {
    let text = fixed(value, decimals);
    if text == MISSING || text.starts_with('-') || text.chars().all(|c| c == '0' || c == '.') {
        text
    } else {
        format!("+{text}")
    }
}

/// Scientific notation with `decimals` digits in the mantissa, e.g. `scientific(3.3e-15, 1)`
/// is "3.3×10⁻¹⁵"; a dash when not finite; zero as "0".
pub fn scientific(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return MISSING.to_string();
    }
    if value == 0.0 {
        return "0".to_string();
    }
    // "3.3×10⁻¹⁵": as printed in a book, and never broken across lines at its minus sign.
    let text = format!("{value:.decimals$e}");
    let Some((mantissa, exponent)) = text.split_once('e') else {
        return text;
    };
    format!("{mantissa}×10{}", superscript(exponent))
}

/// Digits and minus signs as superscripts: "-15" → "⁻¹⁵"; other characters unchanged.
pub fn superscript(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            '9' => '⁹',
            other => other,
        })
        .collect()
}

/// Digits as subscripts: "12" → "₁₂"; other characters unchanged.
pub fn subscript(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x2080 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// The ratio `a / b` with `decimals` digits, for two non-negative quantities such as two
/// variances: "both 0" when both are zero, a dash when only the divisor is zero or either
/// is not finite.
pub fn ratio(a: f64, b: f64, decimals: usize) -> String {
    if !(a.is_finite() && b.is_finite()) {
        return MISSING.to_string();
    }
    if a == 0.0 && b == 0.0 {
        return crate::i18n::t("format-both-zero");
    }
    if b == 0.0 {
        return MISSING.to_string();
    }
    fixed(a / b, decimals)
}

/// How far an estimate is from the exact value in standard errors, e.g. "+1.3σ"; empty
/// without spread (a constant estimator) or without an exact value.
pub fn sigmas(mean: f64, stderr: f64, exact: Option<f64>) -> String {
    match exact {
        Some(x) if stderr > 0.0 && stderr.is_finite() && mean.is_finite() && x.is_finite() => {
            format!("{}σ", signed((mean - x) / stderr, 1))
        }
        _ => String::new(),
    }
}

/// An angle in degrees with one decimal, e.g. "123.4°"; "not defined (one of them is zero)" when
/// there is none.
pub fn degrees(angle: Option<f64>) -> String {
    match angle {
        Some(a) if a.is_finite() => format!("{}°", fixed(a, 1)),
        _ => crate::i18n::t("format-angle-undefined"),
    }
}

/// Grouped thousands: 1234567 → "1 234 567" (narrow no-break spaces read well in any
/// locale).
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// A full-precision value for a `data-value` attribute (the shortest text that reads back
/// to the same `f64`); `None`, so no attribute at all, when it is not finite.
pub fn full_precision(value: f64) -> Option<String> {
    // `{:?}` writes "1.0" and "1e300" where `{}` writes "1" and 301 digits; adding 0.0
    // turns −0 into 0.
    value.is_finite().then(|| format!("{:?}", value + 0.0))
}

/// A vector for `data-value`: full precision, comma-separated; `None` if any entry is not
/// finite.
pub fn full_precision_list(values: &[f64]) -> Option<String> {
    values
        .iter()
        .map(|&v| full_precision(v))
        .collect::<Option<Vec<_>>>()
        .map(|v| v.join(","))
}

/// The γ shown beside the slider: two decimals, as the slider steps by 0.01.
pub fn gamma(value: f64) -> String {
    fixed(value, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_keeps_short_numbers_as_typed() {
        assert_eq!(compact(0.5, 4), "0.5");
        assert_eq!(compact(1.0 / 3.0, 4), "0.3333");
        assert_eq!(compact(-2.0, 4), "-2");
        assert_eq!(compact(-0.00001, 4), "0");
        assert_eq!(compact(100.0, 4), "100");
        assert_eq!(compact(f64::NAN, 4), MISSING);
    }

    #[test]
    fn nothing_reads_nan_infinity_or_negative_zero() {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(fixed(bad, 3), MISSING);
            assert_eq!(signed(bad, 3), MISSING);
            assert_eq!(scientific(bad, 1), MISSING);
            assert_eq!(full_precision(bad), None);
        }
        assert_eq!(fixed(-0.0, 2), "0.00");
        assert_eq!(fixed(-0.0001, 2), "0.00");
        assert_eq!(fixed(-0.0, 0), "0");
        assert_eq!(signed(-0.0, 2), "0.00");
        assert_eq!(signed(0.004, 2), "0.00");
        assert_eq!(signed(0.5, 2), "+0.50");
        assert_eq!(signed(-0.5, 2), "-0.50");
        assert_eq!(gamma(-0.0), "0.00");
        assert_eq!(full_precision(-0.0).as_deref(), Some("0.0"));
    }

    #[test]
    fn ratios_of_zero_quantities_are_defined() {
        assert_eq!(ratio(0.0, 0.0, 3), "both 0");
        assert_eq!(ratio(1.0, 0.0, 3), MISSING);
        assert_eq!(ratio(f64::NAN, 1.0, 3), MISSING);
        assert_eq!(ratio(0.0, 2.0, 3), "0.000");
        assert_eq!(ratio(1.0, 4.0, 2), "0.25");
    }

    #[test]
    fn readings_of_estimates() {
        assert_eq!(sigmas(1.0, 0.5, Some(0.0)), "+2.0σ");
        assert_eq!(sigmas(1.0, 0.0, Some(0.0)), "");
        assert_eq!(sigmas(1.0, 0.5, None), "");
        assert_eq!(sigmas(f64::NAN, 0.5, Some(0.0)), "");
        assert_eq!(degrees(Some(180.0)), "180.0°");
        assert_eq!(degrees(None), "not defined (one of them is zero)");
        assert_eq!(scientific(3.3e-15, 1), "3.3×10⁻¹⁵");
        assert_eq!(scientific(-2.5e3, 1), "-2.5×10³");
        assert_eq!(scientific(1.0, 0), "1×10⁰");
        assert_eq!(superscript("t-12"), "t⁻¹²");
        assert_eq!(subscript("G12"), "G₁₂");
        assert_eq!(scientific(0.0, 1), "0");
    }

    #[test]
    fn full_precision_reads_back() {
        let x = 0.1 + 0.2;
        assert_eq!(full_precision(x).unwrap().parse::<f64>().unwrap(), x);
        assert_eq!(full_precision(1.0).as_deref(), Some("1.0"));
        assert_eq!(
            full_precision(1e300).unwrap().parse::<f64>().unwrap(),
            1e300
        );
        assert_eq!(
            full_precision(-2.5e-20).unwrap().parse::<f64>().unwrap(),
            -2.5e-20
        );
        assert_eq!(
            full_precision_list(&[0.5, -1.0]).as_deref(),
            Some("0.5,-1.0")
        );
        assert_eq!(full_precision_list(&[0.5, f64::NAN]), None);
        assert_eq!(full_precision_list(&[]).as_deref(), Some(""));
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1\u{202f}000");
        assert_eq!(grouped(1234567), "1\u{202f}234\u{202f}567");
    }
}
