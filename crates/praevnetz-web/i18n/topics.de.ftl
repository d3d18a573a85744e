## Themen einbringen, abstimmen, Stand ändern (/themen)
topics-raise = Thema einbringen
topics-raise-button = Thema einbringen
topics-description-hint = Worum geht es, was soll beim Treffen geklärt werden?
topics-places-hint = Die Kommunen, die das Thema betrifft – zur Wahl stehen die, deren Daten Sie pflegen. Ohne Kommune gehört das Thema zu seiner Reihe.
topics-error-not-yours = Für { $municipality } dürfen Sie keine Themen einbringen; wählen Sie Kommunen, deren Daten Sie pflegen.
topics-error-place = Wählen Sie mindestens eine Kommune – oder eine Reihe, deren Treffen Sie planen dürfen.
topics-votes = Stimmen
topics-votes-explain = Mit Ihrer Stimme zeigen Sie, welche Themen Ihnen für die nächsten Treffen wichtig sind; jede Stufe ist nach Stimmen geordnet.
topics-vote = Dafür stimmen
topics-vote-withdraw = Stimme zurückziehen
topics-voted = darunter Ihre
