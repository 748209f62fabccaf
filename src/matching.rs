//! Text as the user's searches match it: lower case, accents aside (the palette's actions, the notes).

/// `text` in lower case without accents, for matching.
pub fn folded(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            other => other,
        })
        .collect()
}

/// Whether `text` holds `wanted`, accents and case aside; an empty `wanted` is in every text.
pub fn holds(text: &str, wanted: &str) -> bool {
    folded(text).contains(folded(wanted.trim()).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_aside() {
        assert_eq!(folded("Été À Noël ÇA"), "ete a noel ca");
        assert!(holds("Relancer le client à Noël", "noel"));
        assert!(holds("Relancer le client à Noël", "  CLIENT A "));
        assert!(!holds("Relancer le client", "noël à"));
        assert!(holds("anything", ""));
    }
}
