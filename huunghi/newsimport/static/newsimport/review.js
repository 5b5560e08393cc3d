// Review page of an imported article: point from a proposal card to its highlights and
// back, and keep Enter in a place search box from submitting (accepting) the card's form.
(function () {
  "use strict";

  function marksOf(number) {
    var marks = Array.from(document.querySelectorAll("mark.hl[data-proposals]"));
    return marks.filter(function (mark) {
      return mark.dataset.proposals.split(" ").indexOf(number) !== -1;
    });
  }

  function setActive(card, on) {
    var number = card.dataset.proposal;
    card.classList.toggle("active", on);
    marksOf(number).forEach(function (mark) {
      mark.classList.toggle("active", on);
    });
  }

  document.addEventListener("focusin", function (event) {
    var card = event.target.closest && event.target.closest(".proposal");
    if (card) { setActive(card, true); }
  });
  document.addEventListener("focusout", function (event) {
    var card = event.target.closest && event.target.closest(".proposal");
    if (card) { setActive(card, false); }
  });
  document.addEventListener("mouseover", function (event) {
    var card = event.target.closest && event.target.closest(".proposal");
    if (card && !card.classList.contains("active")) { setActive(card, true); }
  });
  document.addEventListener("mouseout", function (event) {
    var card = event.target.closest && event.target.closest(".proposal");
    if (card && !card.contains(event.relatedTarget)) { setActive(card, false); }
  });
  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("mark.hl[data-proposals]");
    if (!mark) { return; }
    var first = mark.dataset.proposals.split(" ")[0];
    var card = document.querySelector('.proposal[data-proposal="' + first + '"]');
    if (card) { card.scrollIntoView({ behavior: "smooth", block: "start" }); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.classList && event.target.classList.contains("placesearch")) {
      event.preventDefault();
    }
  });
})();
