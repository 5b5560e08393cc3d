"""Access policies of imported articles and their proposals.

An imported article belongs to the unit it was imported for: accounts that may view
that unit's subtree read it, accounts that may edit there import, accept and reject.
A proposal follows its article.
"""

from __future__ import annotations

from huunghi.accounts.scope import Capability, scope_for
from huunghi.accounts.types import Actor
from huunghi.core.policy import UnitScopedPolicy
from huunghi.newsimport.models import NewsArticle, NewsProposal


class NewsArticlePolicy(UnitScopedPolicy[NewsArticle]):
    model = NewsArticle
    unit_field = "unit"

    @classmethod
    def can_import_any(cls, user: Actor) -> bool:
        """Whether the user may import for at least one unit."""
        return scope_for(user).has_any(Capability.EDIT)


class NewsProposalPolicy(UnitScopedPolicy[NewsProposal]):
    model = NewsProposal
    unit_field = "article__unit"

    @classmethod
    def can_decide(cls, user: Actor, proposal: NewsProposal) -> bool:
        """Whether the user may accept or reject the proposal now."""
        return proposal.is_pending and cls.can_edit(user, proposal)
