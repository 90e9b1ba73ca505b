"""The usual gender of common English given names, so that "she" never resolves to a Bernard.

Ordinary first names as they appear in English-language news (no list names a particular
person). A name found in both lists, or in neither, has no gender here: the pronoun is then
resolved by the article alone (honorifics, earlier pronouns).
"""
from __future__ import annotations

from bot.quotes.names import fold

_MALE = frozenset("""
aaron adam adrian al alan albert alec alex alexander alfred ali alvin andre andrew andy angelo
anthony antonio arnold arthur austin barack barry ben benjamin bernard bernie bill billy bob bobby
brad bradley brandon brent brett brian bruce bryan byron calvin cameron carl carlos chad charles
charlie chris christopher chuck clarence clark claude clay clifford clint cody colin corey cory craig
curtis dale dan daniel danny darrell darren dave david dean dennis derek dick don donald doug douglas
duncan dustin dwight earl ed eddie edgar edward edwin elijah elliot emmanuel eric erik ernest eugene
evan felipe felix fernando floyd francisco frank franklin fred frederick gabriel gary gavin gene
george gerald gilbert glen glenn gordon graham greg gregory guy hank harold harry harvey hector henry
herbert herman howard hugh hugo ian isaac ivan jack jacob jake james jared jason jay jeb jeff jeffrey
jeremy jerome jerry jesse jim jimmy joe joel joey john johnny jon jonathan jorge jose joseph josh joshua
juan julian justin karl keith ken kenneth kevin kirk kurt kyle lamar lance larry lawrence lee leo leon
leonard leroy lewis lindsey lloyd louis lucas luis luke malcolm manuel marc marco marcus mario mark
marshall martin marvin matt matthew maurice max michael miguel mike milton mitch mitchell mitt mohammed
muhammad nathan neil nelson newt nicholas nick noah norman oliver omar oscar otis owen pablo patrick
paul pedro perry pete peter phil philip phillip rafael ralph ramon randall randy ray raymond reggie
reince ricardo richard rick ricky rob robert roberto rod rodney roger roland ron ronald ronnie ross roy
rudy russell ryan sam samuel scott sean sergio seth shane sherrod simon stan stanley stephen steve
steven stuart ted terrence terry theodore thomas tim timothy todd tom tommy tony travis trey troy
tyler victor vincent wade walter warren wayne wesley will william willie zach zachary
""".split())

_FEMALE = frozenset("""
abigail ada adriana agnes aisha alice alicia alison allison amanda amber amy ana andrea angela
angelina angie anita ann anna anne annie april ashley audrey barbara beatrice becky belinda beth
betsy betty beverly bonnie brenda bridget brittany camila candace carla carly carmen carol caroline
carolyn carrie catherine cecilia charlotte chelsea cheryl christie christina christine cindy claire
clara claudia colleen connie courtney cynthia daisy dana danielle dawn debbie deborah debra denise
diana diane dianne dolores donna doris dorothy edith eileen elaine eleanor elena elisabeth elizabeth
ella ellen emily emma erica erika erin esther eva evelyn faith fiona florence frances gabrielle gail
gina gladys gloria grace gwen hannah harriet hazel heather heidi helen hilary hillary holly hope huma
irene iris isabel ivanka jackie jacqueline jan jane janet janice jasmine jean jeanne jenna jennifer
jenny jessica jill jo joan joanna jodi jody josephine joy joyce judith judy julia julie june karen
kate katherine kathleen kathryn kathy katie kay kayla kelly kelsey kim kimberly kirsten kristen
kristin laura lauren laurie leah lena leslie lillian linda lisa liz lois loretta lori lorraine
louise lucy lynn madeleine madeline maggie mandy marcia margaret maria marian marie marilyn marjorie
marsha martha mary maureen megan melania melanie melanne melinda melissa meredith michelle mildred
miriam molly monica nancy naomi natalie nicole nikki nina nora norma olivia paige pamela patricia
patti patty paula pauline peggy penny phyllis priscilla rachel rebecca regina renee rita roberta
robin rosa rose rosemary ruth sally samantha sandra sara sarah shannon sharon sheila shirley
sonia sophia stacy stephanie sue susan suzanne sylvia tamara tammy tanya teresa theresa tiffany
tina tracy valerie vanessa vera veronica victoria virginia vivian wanda wendy whitney yolanda yvonne
zoe
""".split())


def gender_of(given_name: str) -> str | None:
    """ "m", "f" or None for a given name."""
    name = fold(given_name).rstrip(".")
    male, female = name in _MALE, name in _FEMALE
    if male == female:
        return None
    return "m" if male else "f"
