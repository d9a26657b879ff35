"""Given names that tell a person's gender, for he/she when the article itself does not say.

The article always speaks first (Mr/Mrs/Ms, "chairwoman", "his wife", the pronouns it already used for the
person); this list is the fallback. Names borne about as often by women as by men (Jordan, Taylor, Robin,
Jean, Jan, Andrea, Kim, Lindsey, ...) are in neither list: an unknown gender never beats a known one."""
from __future__ import annotations

_MASCULINE = """
aaron abdul abdullah abraham adam adrian ahmad ahmed akira alan alasdair albert alberto alec alejandro
aleksandr alessandro alexander alexandre alexei alfonso alfred ali alistair allen alonso alvaro amir anand
anders andre andreas andrei andres andrew andrzej angelo angus anil anton antoine antonio anwar aram archie
arjun arman armando arnold arthur arturo ashraf august augusto barack barry bart ben benedict benjamin
benoit bernard bernardo bernie bert bill billy bjorn bob bobby boris brad bradley brandon brendan brent
bret brett brian bruce bruno bryan burt byron caleb callum calum calvin cameron carl carlo carlos carsten
cesar chad charles charlie chester chris christian christoph christopher chuck clarence claude clay
clayton clint clinton clyde colin conor conrad corey cory craig curt curtis dafydd dale damian damon dan
daniel danny darius darren dave davey david davit dean dennis derek desmond devin diego dieter dimitri
dmitri dmitry dominic don donald doug douglas duncan dwight earl ed eddie edgar edmund eduardo edward
edwin elias elijah elliot elliott elnur elshan emeka emil emilio emmanuel enrique eric erik ernest ernesto
ethan eugene evan fabian farid federico felipe felix ferdinand fernando filippo finn floyd francesco
francis francisco franco frank frankie franz fred freddie frederick gabriel gareth garrett gary gavin
gene geoff geoffrey george georg gerald gerard gerhard gilbert giorgio giovanni giuseppe glenn gordon
graham grant greg gregory grigor guido guillaume gunnar gustav gustavo guy hamid hans harold harry hassan
hector heinrich helmut henri henrik henry herbert herman hiroshi horst howard hugh hugo iain ian ibrahim
igor ilham imran ivan jack jacob jacques jake jakob james jared jason javier jay jeb jeff
jeffrey jens jeremy jerome jerry jesse jesus jim jimmy joachim joao joaquin joe joel johan johann johannes
john johnny jon jonah jonas jonathan jorge jose josef joseph josh joshua juan julian julio julius jurgen
justin kai karl karim keith ken kenneth kevin khalid kieran kirk klaus kofi konrad kurt kyle lamar lance
larry lars laurence lawrence leo leon leonard leonardo leroy lester lewis liam lionel
lloyd logan lorenzo louis lucas luigi luis luke magnus mahmoud malcolm manuel marc marcel marco marcus
marek mario mark marko martin marty mateo matt matteo matthew matthias maurice max maxim maximilian
mehmet michael michel miguel mike mikhail milan miles mitch mitchell mohamed mohammad mohammed muhammad
murray mustafa nathan nathaniel neil nelson nicholas nick nicolas nigel niklas nikolai nils noah norbert
norman oleg oliver olivier omar oscar oskar otto owen pablo paolo pascal patrick paul paulo pedro per
perry pete peter petr petter piotr pawel jakub krzysztof philip philipp phillip pierre piet pietro rafael raj rajesh ralph ramon
randall randy raphael rashid raul ray raymond reggie reince reto ricardo richard rick ricky rob robert
roberto rod rodney rodrigo roger roland rolf roman ron ronald ronnie rory ross roy rudolf rudy rui rupert
russ russell ryan salman salvador samir samuel sandeep santiago saul scott sean sebastian sergei
sergey sergio seth shane shaun sheldon sidney simon soren spencer stan stanley stefan stefano stephen
steve steven stewart stuart sven ted teodor thaddeus theo theodore thomas thorsten tim timothy
tobias todd tom tomas tomasz tommy tony travis trevor tristan troy tyler ulrich umar uwe valentin
vernon victor vikram vince vincent vittorio vladimir walter warren wayne werner wes wesley will william
willie winston wolfgang xavier yannick yerlan youssef yuri yusuf zach zachary zurab
antonin bryce cody colton dante darnell darrell deshawn dwayne elmer ernie gus hank harvey herb homer ike
irving jamal jamar lamont lyndon malik marquis marvin milton mitt morris ned newt orville otis ozzie quincy
rashad rex rufus sid stu tad terrell terrence thad thurgood trent trey tyrone vern wade walt wendell wilbur
woody zeke
"""
_FEMININE = """
abigail ada adriana agnes aida aigerim aileen aisha akinyi alejandra alexandra alice alicia
alina alison aliya allison alma amanda amara amber amelia amina amira amy ana anahit anastasia 
angela angelica angelina angie anita ann anna annabel anne annette annie anouk antonia april ariana
arianna astrid audrey aurora barbara beatrice beatriz becky belinda bella bernadette beth bethany betsy
betty beverly bianca birgit bonnie brenda bridget brigitte brittany brooke camila camilla carla carly
carmen carol carole caroline carolyn cassandra catherine cathy cecile cecilia celeste celia charlotte
chelsea cheryl chiara chloe christina christine cindy claire clara clarissa claudia colleen connie
constance cora corinne courtney cristina cynthia dagny daisy daniela danielle daphne dawn debbie deborah
debra deirdre delia denise diana diane dolores donna dora doris dorothy edith eileen elaine eleanor elena
eliza elizabeth ella ellen eloise els elsa emilia emily emma erica erika erin esther eugenia eva evelyn
fatima fatma felicity fernanda fiona florence frances francesca gabriela gabrielle gail gemma
georgia geraldine gertrude gillian gina giulia gloria grace greta gretchen gwen gwendolyn hana hanna
hannah hanne harriet heather heidi helen helena helene heloise hilary hillary holly hope ida ilona ilse
imogen ines ingrid irene iris isabel isabella isabelle jacqueline jane janet janice jasmine jeanne
jeanette jennifer jenny jessica jill jo joan joanna joanne jocelyn johanna josephine joy joyce judith judy
julia julie juliet june justine karen kari karin katarzyna kate katharine katherine kathleen kathryn
kathy katie katrin katrina kay kayla kellyanne kirsten kristen kristin laila laura lauren leah lena leonie
lesley lila lillian lily linda lisa liz liza lorena lorraine louisa louise lucia lucy luisa lydia lynn
mabel madeleine madeline maeve magdalena maggie mai malala mandy marcia margaret margarita
margot maria mariam marian marianne marie marina marion marisa marissa marjorie marlene marta martha
martina mary maryam matilda maureen maxine megan megyn melania melanie melinda melissa mercedes meredith
mia michaela michele michelle mila mildred milena mira miranda miriam moira molly monica monika morag
muriel myra nadia nadine nancy naomi natalia natalie natasha nathalie nell nicola nicole nikki nina nora
noreen norma nuria odile olga olivia orla paige pamela patricia patty paula paulette pauline peggy
penelope penny petra philippa phoebe pia pilar polly priscilla rachel rebecca regina renata renee rhian
rita roberta rosa rosalind rose rosemary roxanne ruby ruth sabine sabrina sally salma samantha sandra
sara sarah saskia selena serena sharon sheila shelby shirley sigrid silvia simone siobhan sofia sonia
sophia sophie stacey stella stephanie sue susan susanne suzanne svetlana sylvia tamar tamara tammy tanya
tara teresa theresa tiffany tina tracy ulrike ursula valentina valerie vanessa vera veronica vicky
victoria violet virginia vivian wanda wanjiru wendy whitney yasmin yolanda yvonne zoe zoya
ashley brianna brigid caitlin candace candice condoleezza darlene delores dianne ebony edna ellie erma faye
georgina gilda gladys hailey haley hattie hazel huma ilene irma ivana ivanka jeannie jillian jodi jolene joni
juanita kaitlyn kamala kayleigh keisha kristi kristina latoya lois loretta lucille lynne marcy marilyn marsha
mazie meg millie mitzi noelle opal pearl rebekah rhonda rochelle rosanne roseann sherry shonda sonya stacy
susana tabitha tamika thelma tracey tricia trisha trudy tulsi velma vickie viola wilma yvette zelda
"""


# given names borne by women and men alike: no gender, yet a given name ("Jean Paul Sartre" has no role "Jean")
UNISEX = frozenset("""
jean jan kim robin jordan taylor andrea lindsey casey jamie alex sam pat leslie morgan sasha dana drew kelly
shannon terry riley avery quinn rene dominique marion jody kerry lee sandy toni nicky billie frankie
""".split())
MASCULINE = frozenset(_MASCULINE.split())
FEMININE = frozenset(_FEMININE.split())


def gender_of_given_name(name: str) -> str | None:
    """"m", "f" or None for a given name ("Tomas" -> "m"), accents and case ignored."""
    key = name.casefold()
    if not key.isascii():
        import unicodedata

        key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    if key in MASCULINE:
        return "m"
    if key in FEMININE:
        return "f"
    return None
