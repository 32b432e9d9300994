//! The stylesheet and pictures: self-contained, and text contrast at WCAG AA or better.

const STYLE: &str = include_str!("../../assets/style.css");
const SVGS: [&str; 5] = [
    include_str!("../../assets/favicon.svg"),
    include_str!("../../assets/kettle.svg"),
    include_str!("../../assets/dripper.svg"),
    include_str!("../../assets/mug.svg"),
    include_str!("../../assets/beans.svg"),
];

/// `--name: #rrggbb;` from the stylesheet's custom properties.
fn colour(name: &str) -> [f64; 3] {
    let key = format!("--{name}: #");
    let start = STYLE.find(&key).unwrap_or_else(|| panic!("no --{name}")) + key.len();
    let hex = &STYLE[start..start + 6];
    let channel = |i: usize| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
    [channel(0), channel(2), channel(4)]
}

fn luminance([r, g, b]: [f64; 3]) -> f64 {
    let lin = |c: f64| {
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(colour(a)), luminance(colour(b)));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn text_colours_meet_wcag_aa_contrast() {
    let pairs = [
        ("text", "bg"),
        ("text", "surface"),
        ("muted", "bg"),
        ("muted", "surface"),
        ("accent", "bg"),
        ("accent", "surface"),
        ("on-accent", "accent"),
        ("on-accent", "accent-hover"),
        ("header-text", "header-bg"),
        ("banner-text", "banner-bg"),
        ("paid-text", "paid-bg"),
        ("declined-text", "declined-bg"),
        ("pending-text", "pending-bg"),
        ("cancelled-text", "cancelled-bg"),
        ("error-text", "error-bg"),
        ("paid-text", "surface"),
        ("declined-text", "surface"),
    ];
    for (fg, bg) in pairs {
        let ratio = contrast(fg, bg);
        assert!(ratio >= 4.5, "--{fg} on --{bg}: {ratio:.2}:1");
    }
    assert!(contrast("text", "bg") > 14.0);
}

#[test]
fn assets_reference_nothing_outside_the_shop() {
    for banned in ["@import", "@font-face", "url(", "http:", "https:", "//"] {
        let css_without_comments: String = STYLE
            .split("/*")
            .map(|part| part.split_once("*/").map_or(part, |(_, rest)| rest))
            .collect();
        assert!(
            !css_without_comments.contains(banned),
            "stylesheet has {banned}"
        );
    }
    for svg in SVGS {
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        // The namespace is the only URL; no links, images, scripts or styles from elsewhere.
        assert_eq!(svg.matches("http").count(), 1);
        for banned in ["href", "<script", "<image", "<style", "<foreignObject"] {
            assert!(!svg.contains(banned), "picture has {banned}");
        }
    }
}
